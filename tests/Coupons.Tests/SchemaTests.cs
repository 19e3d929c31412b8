using Coupons.Api.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using PartnerPlatform.Testing;

namespace Coupons.Tests;

/// <summary>The hand-written migrations build exactly the schema the model describes (ADR 0010).</summary>
public sealed class SchemaTests : IAsyncLifetime
{
    private readonly PostgresDatabaseFixture _fromModel = new();
    private readonly PostgresDatabaseFixture _fromMigrations = new();

    public Task InitializeAsync() => Task.WhenAll(_fromModel.InitializeAsync(), _fromMigrations.InitializeAsync());

    public async Task DisposeAsync()
    {
        await _fromModel.DisposeAsync();
        await _fromMigrations.DisposeAsync();
    }

    [Fact]
    public async Task Migrations_build_the_same_schema_as_the_model()
    {
        await using (var db = Create(_fromModel.ConnectionString))
        {
            await db.Database.EnsureCreatedAsync();
        }

        await using (var db = Create(_fromMigrations.ConnectionString))
        {
            await db.Database.MigrateAsync();
            Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        }

        var expected = await DescribeAsync(_fromModel.ConnectionString);
        var actual = await DescribeAsync(_fromMigrations.ConnectionString);
        Assert.Contains(expected, line => line.StartsWith("column quotas.remaining_amount numeric", StringComparison.Ordinal));
        Assert.Contains(expected, line => line.Contains("ix_redemptions_order_id", StringComparison.Ordinal));
        Assert.Equal(string.Join('\n', expected), string.Join('\n', actual));
    }

    [Fact]
    public async Task Migrating_twice_changes_nothing()
    {
        await using var db = Create(_fromMigrations.ConnectionString);
        await db.Database.MigrateAsync();
        var first = await DescribeAsync(_fromMigrations.ConnectionString);
        await db.Database.MigrateAsync();
        Assert.Equal(first, await DescribeAsync(_fromMigrations.ConnectionString));
    }

    private static CouponsDbContext Create(string connectionString) =>
        new(new DbContextOptionsBuilder<CouponsDbContext>().UseNpgsql(connectionString).Options);

    /// <summary>Columns (type, precision, nullability, length, default), indexes and constraints of the public schema, one line each.</summary>
    private static async Task<List<string>> DescribeAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            """
            SELECT 'column ' || table_name || '.' || column_name || ' ' || udt_name
                   || ' precision=' || coalesce(numeric_precision::text, '-') || ',' || coalesce(numeric_scale::text, '-')
                   || ' nullable=' || is_nullable || ' length=' || coalesce(character_maximum_length::text, '-')
                   || ' default=' || coalesce(column_default, '-') || ' identity=' || is_identity || ':' || coalesce(identity_generation, '-')
            FROM information_schema.columns
            WHERE table_schema = 'public' AND table_name <> '__EFMigrationsHistory'
            UNION ALL
            SELECT 'index ' || indexdef FROM pg_indexes
            WHERE schemaname = 'public' AND tablename <> '__EFMigrationsHistory'
            UNION ALL
            SELECT 'constraint ' || conrelid::regclass || ' ' || conname || ' ' || pg_get_constraintdef(oid)
            FROM pg_constraint
            WHERE connamespace = 'public'::regnamespace AND conrelid::regclass::text <> '"__EFMigrationsHistory"'
            ORDER BY 1
            """,
            connection);
        var lines = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            lines.Add(reader.GetString(0));
        }

        return lines;
    }
}

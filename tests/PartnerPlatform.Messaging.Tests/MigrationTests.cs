using Microsoft.EntityFrameworkCore;
using Npgsql;
using PartnerPlatform.Messaging.Tests.Support;
using PartnerPlatform.Testing;

namespace PartnerPlatform.Messaging.Tests;

public sealed class MigrationTests : IAsyncLifetime
{
    private readonly PostgresDatabaseFixture _fromModel = new();
    private readonly PostgresDatabaseFixture _fromMigration = new();

    public Task InitializeAsync() => Task.WhenAll(_fromModel.InitializeAsync(), _fromMigration.InitializeAsync());

    public async Task DisposeAsync()
    {
        await _fromModel.DisposeAsync();
        await _fromMigration.DisposeAsync();
    }

    [Fact]
    public async Task The_migration_helpers_create_exactly_the_tables_the_model_maps()
    {
        await using (var db = Create(_fromModel.ConnectionString))
        {
            await db.Database.EnsureCreatedAsync();
        }

        await using (var db = Create(_fromMigration.ConnectionString))
        {
            await db.Database.MigrateAsync();
        }

        var expected = await DescribeAsync(_fromModel.ConnectionString);
        var actual = await DescribeAsync(_fromMigration.ConnectionString);
        Assert.Contains(expected, line => line.Contains("outbox_messages.payload jsonb", StringComparison.Ordinal));
        Assert.Contains(expected, line => line.Contains("ix_outbox_messages_unsent", StringComparison.Ordinal));
        Assert.Equal(expected, actual);
    }

    private static MigratedShopDbContext Create(string connectionString) =>
        new(new DbContextOptionsBuilder<MigratedShopDbContext>().UseNpgsql(connectionString).Options);

    /// <summary>Columns (type, nullability, length) and index definitions of the public schema, one line each.</summary>
    private static async Task<List<string>> DescribeAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            """
            SELECT table_name || '.' || column_name || ' ' || udt_name || ' ' || is_nullable || ' ' || coalesce(character_maximum_length::text, '')
            FROM information_schema.columns
            WHERE table_schema = 'public' AND table_name LIKE '%_messages'
            UNION ALL
            SELECT indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename LIKE '%_messages'
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

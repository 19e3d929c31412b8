using Coupons.Api.Data;
using Microsoft.EntityFrameworkCore;
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

        var expected = await DatabaseSchema.DescribeAsync(_fromModel.ConnectionString);
        var actual = await DatabaseSchema.DescribeAsync(_fromMigrations.ConnectionString);
        Assert.Contains(expected, line => line.StartsWith("column quotas.remaining_amount numeric", StringComparison.Ordinal));
        Assert.Contains(expected, line => line.Contains("ix_redemptions_order_id", StringComparison.Ordinal));
        Assert.Equal(string.Join('\n', expected), string.Join('\n', actual));
    }

    [Fact]
    public async Task Migrating_twice_changes_nothing()
    {
        await using var db = Create(_fromMigrations.ConnectionString);
        await db.Database.MigrateAsync();
        var first = await DatabaseSchema.DescribeAsync(_fromMigrations.ConnectionString);
        await db.Database.MigrateAsync();
        Assert.Equal(first, await DatabaseSchema.DescribeAsync(_fromMigrations.ConnectionString));
    }

    private static CouponsDbContext Create(string connectionString) =>
        new(new DbContextOptionsBuilder<CouponsDbContext>().UseNpgsql(connectionString).Options);
}

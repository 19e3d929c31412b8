using Identity.Api.Data;
using Microsoft.EntityFrameworkCore;
using PartnerPlatform.Testing;

namespace Identity.Tests;

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
        Assert.Contains(expected, line => line.StartsWith("column accounts.normalized_user_name", StringComparison.Ordinal));
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

    private static IdentityServiceDbContext Create(string connectionString) =>
        new(new DbContextOptionsBuilder<IdentityServiceDbContext>().UseNpgsql(connectionString).Options);
}

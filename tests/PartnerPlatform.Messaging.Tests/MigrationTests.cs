using Microsoft.EntityFrameworkCore;
using PartnerPlatform.Messaging.Tests.Support;

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

        var expected = await DatabaseSchema.DescribeAsync(_fromModel.ConnectionString);
        var actual = await DatabaseSchema.DescribeAsync(_fromMigration.ConnectionString);
        Assert.Contains(expected, line => line.Contains("outbox_messages.payload jsonb", StringComparison.Ordinal));
        Assert.Contains(expected, line => line.Contains("ix_outbox_messages_unsent", StringComparison.Ordinal));
        Assert.Equal(expected, actual);
    }

    private static MigratedShopDbContext Create(string connectionString) =>
        new(new DbContextOptionsBuilder<MigratedShopDbContext>().UseNpgsql(connectionString).Options);
}

using Microsoft.EntityFrameworkCore;

namespace PartnerPlatform.Messaging.Tests.Support;

/// <summary>A fresh database (with the shop schema) and a fresh virtual host on the shared servers for one test class.</summary>
public sealed class MessagingFixture : IAsyncLifetime
{
    public PostgresDatabaseFixture Database { get; } = new();

    public RabbitMqVirtualHostFixture Broker { get; } = new();

    public async Task InitializeAsync()
    {
        await Task.WhenAll(Database.InitializeAsync(), Broker.InitializeAsync());
        await CreateSchemaAsync(Database.ConnectionString);
    }

    public async Task DisposeAsync()
    {
        await Broker.DisposeAsync();
        await Database.DisposeAsync();
    }

    public static async Task CreateSchemaAsync(string connectionString)
    {
        var options = new DbContextOptionsBuilder<ShopDbContext>().UseNpgsql(connectionString).Options;
        await using var db = new ShopDbContext(options);
        await db.Database.EnsureCreatedAsync();
    }
}

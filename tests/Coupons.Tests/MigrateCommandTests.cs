using Coupons.Api.Data;
using Microsoft.EntityFrameworkCore;

namespace Coupons.Tests;

/// <summary>The AppHost's migration stage: the service run once with <c>--migrate</c> migrates and exits.</summary>
public sealed class MigrateCommandTests : IAsyncLifetime
{
    private readonly PostgresDatabaseFixture _database = new();
    private readonly RabbitMqVirtualHostFixture _broker = new();

    public Task InitializeAsync() => Task.WhenAll(_database.InitializeAsync(), _broker.InitializeAsync());

    public Task DisposeAsync() => Task.WhenAll(_database.DisposeAsync(), _broker.DisposeAsync());

    [Fact]
    public async Task Running_with_migrate_applies_the_migrations_and_exits()
    {
        var run = await ServiceVerbRun.RunAsync("Coupons.Api.dll", "--migrate", new Dictionary<string, string>
        {
            ["ConnectionStrings__couponsdb"] = _database.ConnectionString,
            ["ConnectionStrings__eventbus"] = _broker.ConnectionUri.ToString(),
            ["ASPNETCORE_URLS"] = "http://127.0.0.1:0",
        }, TimeSpan.FromSeconds(60));

        Assert.True(run.ExitCode == 0, run.ToString());
        await using var db = new CouponsDbContext(CouponsDbContext.Options(_database.ConnectionString));
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.Equal(0, await db.Quotas.CountAsync());
    }
}

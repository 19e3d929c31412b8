using System.Diagnostics;
using Coupons.Api.Data;
using Microsoft.EntityFrameworkCore;
using PartnerPlatform.Testing;

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
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "Coupons.Api.dll"), "--migrate"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.Environment["ConnectionStrings__couponsdb"] = _database.ConnectionString;
        start.Environment["ConnectionStrings__keys"] = _database.ConnectionString;
        start.Environment["ConnectionStrings__eventbus"] = _broker.ConnectionUri.ToString();
        start.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));

        await process.WaitForExitAsync(timeout.Token);

        Assert.True(process.ExitCode == 0, await output + await errors);
        await using var db = new CouponsDbContext(new DbContextOptionsBuilder<CouponsDbContext>().UseNpgsql(_database.ConnectionString).Options);
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.Equal(0, await db.Quotas.CountAsync());
    }
}

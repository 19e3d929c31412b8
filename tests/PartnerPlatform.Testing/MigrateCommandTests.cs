using Microsoft.EntityFrameworkCore;
using Xunit;

namespace PartnerPlatform.Testing;

/// <summary>
/// The AppHost's migration stage: the service's dll run once with <c>--migrate</c> migrates its
/// database and exits. A service's test project derives from this once, naming its dll, its
/// database's connection name, how to open its DbContext and what the migrations leave in it
/// (seeded reference rows, tables still empty).
/// </summary>
public abstract class MigrateCommandTests<TContext>(
    string assemblyFileName, string databaseConnectionName, Func<string, TContext> create, Func<TContext, Task> assertMigratedData) : IAsyncLifetime
    where TContext : DbContext
{
    private readonly PostgresDatabaseFixture _database = new();
    private readonly RabbitMqVirtualHostFixture _broker = new();

    public Task InitializeAsync() => Task.WhenAll(_database.InitializeAsync(), _broker.InitializeAsync());

    public Task DisposeAsync() => Task.WhenAll(_database.DisposeAsync(), _broker.DisposeAsync());

    [Fact]
    public async Task Running_with_migrate_applies_the_migrations_and_exits()
    {
        var run = await ServiceVerbRun.RunAsync(assemblyFileName, "--migrate", new Dictionary<string, string>
        {
            [$"ConnectionStrings__{databaseConnectionName}"] = _database.ConnectionString,
            ["ConnectionStrings__keys"] = _database.ConnectionString,
            ["ConnectionStrings__eventbus"] = _broker.ConnectionUri.ToString(),
            ["ASPNETCORE_URLS"] = "http://127.0.0.1:0",
        }, TimeSpan.FromSeconds(60));

        Assert.True(run.ExitCode == 0, run.ToString());
        await using var db = create(_database.ConnectionString);
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        await assertMigratedData(db);
    }
}

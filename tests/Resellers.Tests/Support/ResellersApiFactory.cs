using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PartnerPlatform.ServiceDefaults;
using PartnerPlatform.Testing;
using Resellers.Api.Data;

namespace Resellers.Tests.Support;

/// <summary>
/// resellers-api in memory over real servers: a fresh PostgreSQL database and
/// a RabbitMQ virtual host of its own, migrations applied at start, a clock the tests move.
/// </summary>
public class ResellersApiFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    private readonly PostgresDatabaseFixture _postgres = new();
    private readonly RabbitMqVirtualHostFixture _rabbitMq = new();

    public ManualClock Clock { get; } = new();

    public string DatabaseConnectionString => _postgres.ConnectionString;

    public RabbitMqVirtualHostFixture RabbitMq => _rabbitMq;

    public async Task InitializeAsync()
    {
        await Task.WhenAll(_postgres.InitializeAsync(), _rabbitMq.InitializeAsync());
        using var client = CreateClient();
        await Eventually.TrueAsync(
            async () => (await client.GetAsync("/health")).IsSuccessStatusCode,
            TimeSpan.FromSeconds(30),
            "resellers-api did not become healthy (database, broker).");
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        await Task.WhenAll(_postgres.DisposeAsync(), _rabbitMq.DisposeAsync());
    }

    /// <summary>A bearer token for <paramref name="caller"/>, signed with the test key the host trusts.</summary>
    public string IssueToken(CurrentCaller caller) => TestTokens.For(caller, lifetime: TimeSpan.FromDays(30));

    public HttpClient ClientFor(CurrentCaller caller)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", IssueToken(caller));
        return client;
    }

    public async Task WithDbAsync(Func<ResellersDbContext, Task> work)
    {
        await using var scope = Services.CreateAsyncScope();
        await work(scope.ServiceProvider.GetRequiredService<ResellersDbContext>());
    }

    public async Task<T> WithDbAsync<T>(Func<ResellersDbContext, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<ResellersDbContext>());
    }

    /// <summary>Waits until every outbox row has been published to the broker.</summary>
    public Task OutboxDrainedAsync() => Eventually.TrueAsync(
        () => WithDbAsync(async db => !await db.Database.SqlQueryRaw<int>("SELECT 1 AS \"Value\" FROM outbox_messages WHERE sent_at IS NULL").AnyAsync()),
        TimeSpan.FromSeconds(20),
        "The outbox was not drained.");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.UseSetting("ConnectionStrings:resellersdb", _postgres.ConnectionString);
        builder.TrustTestTokens();
        builder.UseSetting("ConnectionStrings:eventbus", _rabbitMq.ConnectionUri.ToString());
        builder.UseSetting("APPLY_MIGRATIONS", "true");
        builder.UseSetting("OTEL_SERVICE_NAME", "resellers-api");
        builder.UseSetting("Messaging:RetryIntervals:0", "00:00:00.100");
        builder.UseSetting("Messaging:OutboxPollInterval", "00:00:00.500");
        builder.ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Warning).AddFilter("MassTransit", LogLevel.Error));
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
    }
}

/// <summary>One API host shared by the test classes of the collection (each test uses partners of its own).</summary>
[CollectionDefinition(Name)]
public sealed class ApiCollection : ICollectionFixture<ResellersApiFactory>
{
    public const string Name = "resellers-api";
}

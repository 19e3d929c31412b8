using Coupons.Api.Data;
using MassTransit;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using PartnerPlatform.ServiceDefaults;
using PartnerPlatform.Testing;

namespace Coupons.Tests.Support;

/// <summary>
/// coupons-api on a real Kestrel socket (127.0.0.1, random port) over real servers: a fresh
/// PostgreSQL database with a pool of 20 connections, a RabbitMQ virtual host
/// of its own and a clock the tests move. Tokens are signed with the test key the host trusts
/// (<see cref="TestTokens"/>), shaped as identity-api issues them.
/// </summary>
public class CouponsApiFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    private readonly PostgresDatabaseFixture _postgres = new();
    private readonly RabbitMqVirtualHostFixture _rabbitMq = new();

    public ManualClock Clock { get; } = new();

    public string DatabaseConnectionString { get; private set; } = "";

    public RabbitMqVirtualHostFixture RabbitMq => _rabbitMq;

    public Uri BaseAddress { get; private set; } = null!;

    public virtual async Task InitializeAsync()
    {
        await Task.WhenAll(_postgres.InitializeAsync(), _rabbitMq.InitializeAsync());
        DatabaseConnectionString = new NpgsqlConnectionStringBuilder(_postgres.ConnectionString) { MaxPoolSize = 20, Timeout = 60 }.ConnectionString;
        UseKestrel(0);
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses;
        BaseAddress = new Uri(addresses.First(a => a.StartsWith("http://", StringComparison.Ordinal)).Replace("localhost", "127.0.0.1", StringComparison.Ordinal));

        // Events published before the receive endpoints are bound would be lost.
        var bus = Services.GetRequiredService<IBusControl>();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (bus.CheckHealth().Status != BusHealthStatus.Healthy)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("The event bus of coupons-api did not become healthy.");
            }

            await Task.Delay(50);
        }
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        await Task.WhenAll(_postgres.DisposeAsync(), _rabbitMq.DisposeAsync());
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.UseSetting("ConnectionStrings:couponsdb", DatabaseConnectionString);
        builder.TrustTestTokens();
        builder.UseSetting("ConnectionStrings:eventbus", _rabbitMq.ConnectionUri.ToString());
        builder.UseSetting("APPLY_MIGRATIONS", "true");
        builder.UseSetting("Messaging:RetryIntervals:0", "00:00:00.100");
        builder.UseSetting("Coupons:ExpirySweepInterval", "01:00:00");
        builder.ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
    }

    /// <summary>A client on a connection of its own, carrying a token for <paramref name="caller"/>.</summary>
    /// <remarks>
    /// The client adds no trace context of the test process (where the service's tracer provider
    /// records HTTP client spans): a test that sends <c>traceparent</c> keeps its own.
    /// </remarks>
    public ApiClient Client(CurrentCaller? caller) =>
        new(new HttpClient(new SocketsHttpHandler { ActivityHeadersPropagator = null }) { BaseAddress = BaseAddress }, caller is null ? null : IssueToken(caller));

    public string IssueToken(CurrentCaller caller, TimeSpan? lifetime = null) => TestTokens.For(caller, Clock.GetUtcNow(), lifetime);

    /// <summary>A fresh DbContext on the service's database, for assertions.</summary>
    public CouponsDbContext Db() =>
        new(CouponsDbContext.Options(DatabaseConnectionString));

    public Task PublishAsync<T>(T message)
        where T : class => Services.GetRequiredService<IBus>().Publish(message);

    /// <summary>Polls until <paramref name="condition"/> holds (events are consumed asynchronously).</summary>
    public async Task EventuallyAsync(Func<CouponsDbContext, Task<bool>> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (true)
        {
            await using (var db = Db())
            {
                if (await condition(db))
                {
                    return;
                }
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("Timed out waiting for: " + what);
            }

            await Task.Delay(20);
        }
    }
}

[CollectionDefinition(Name)]
public sealed class CouponsCollection : ICollectionFixture<CouponsApiFactory>
{
    public const string Name = "coupons-api";
}

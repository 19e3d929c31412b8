using MassTransit;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using PartnerPlatform.ServiceDefaults;
using Xunit;

namespace PartnerPlatform.Testing;

/// <summary>
/// A service on a real Kestrel socket (127.0.0.1, random port) over real servers: a fresh
/// PostgreSQL database, a RabbitMQ virtual host of its own, a Redis database of its own and a
/// clock the tests move. Ready once the event bus is healthy (events published before the
/// receive endpoints are bound would be lost). Derive once per service and name the connection
/// string of its database.
/// </summary>
public abstract class ServiceApiFactory<TProgram> : WebApplicationFactory<TProgram>, IAsyncLifetime
    where TProgram : class
{
    private readonly PostgresDatabaseFixture _postgres = new();
    private readonly RabbitMqVirtualHostFixture _rabbitMq = new();
    private readonly RedisDatabaseFixture _redis = new();

    /// <summary>The connection string name of the service's own database (e.g. <c>opportunitiesdb</c>).</summary>
    protected abstract string DatabaseName { get; }

    public ManualClock Clock { get; } = new();

    public string DatabaseConnectionString { get; private set; } = "";

    public RabbitMqVirtualHostFixture RabbitMq => _rabbitMq;

    public Uri BaseAddress { get; private set; } = null!;

    public virtual async Task InitializeAsync()
    {
        await Task.WhenAll(_postgres.InitializeAsync(), _rabbitMq.InitializeAsync(), _redis.InitializeAsync());
        DatabaseConnectionString = new NpgsqlConnectionStringBuilder(_postgres.ConnectionString) { MaxPoolSize = 20, Timeout = 60 }.ConnectionString;
        BaseAddress = this.StartOnLoopback();

        var bus = Services.GetRequiredService<IBusControl>();
        await Eventually.HoldsAsync(() => bus.CheckHealth().Status == BusHealthStatus.Healthy, TimeSpan.FromSeconds(60), "the event bus of the service is healthy");
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        await Task.WhenAll(_postgres.DisposeAsync(), _rabbitMq.DisposeAsync(), _redis.DisposeAsync());
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.UseSetting($"ConnectionStrings:{DatabaseName}", DatabaseConnectionString);
        builder.UseSetting("ConnectionStrings:eventbus", _rabbitMq.ConnectionUri.ToString());
        builder.UseSetting("ConnectionStrings:redis", _redis.ConnectionString);
        builder.UseSetting("APPLY_MIGRATIONS", "true");
        builder.UseSetting("Messaging:RetryIntervals:0", "00:00:00.100");
        builder.TrustTestTokens();
        builder.ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
        ConfigureService(builder);
    }

    /// <summary>Service-specific settings (sweep intervals, options) on top of the defaults above.</summary>
    protected virtual void ConfigureService(IWebHostBuilder builder)
    {
    }

    /// <summary>A client on a connection of its own; with a caller, it carries that caller's token.</summary>
    public HttpClient CreateCallerClient(CurrentCaller? caller)
    {
        var client = new HttpClient { BaseAddress = BaseAddress };
        if (caller is not null)
        {
            client.DefaultRequestHeaders.Authorization = new("Bearer", IssueToken(caller));
        }

        return client;
    }

    /// <summary>
    /// An access token for <paramref name="caller"/>, as identity-api would issue it. With a
    /// <paramref name="lifetime"/>, issued now by the service's clock; without one, valid for a year
    /// either side of it, so a test may move the clock back and forth and keep its callers.
    /// </summary>
    public string IssueToken(CurrentCaller caller, TimeSpan? lifetime = null) =>
        lifetime is { } exact
            ? TestTokens.For(caller, Clock.GetUtcNow(), exact)
            : TestTokens.For(caller, Clock.GetUtcNow().AddDays(-366), TimeSpan.FromDays(2 * 366));

    /// <summary>
    /// The service's built dll run once with <paramref name="verb"/> (<c>--migrate</c>,
    /// <c>--seed-demo-data</c>) in its own process against this factory's database and virtual host,
    /// as the AppHost runs it; <paramref name="settings"/> are further environment variables.
    /// </summary>
    public Task<ServiceVerbRun> RunVerbAsync(
        string verb, string environment = "Development", IReadOnlyDictionary<string, string>? settings = null, TimeSpan? timeout = null)
    {
        var variables = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["ASPNETCORE_ENVIRONMENT"] = environment,
            ["DOTNET_ENVIRONMENT"] = environment,
            [$"ConnectionStrings__{DatabaseName}"] = DatabaseConnectionString,
            ["ConnectionStrings__eventbus"] = _rabbitMq.ConnectionUri.ToString(),
        };
        foreach (var (name, value) in settings ?? new Dictionary<string, string>())
        {
            variables[name] = value;
        }

        return ServiceVerbRun.RunAsync(typeof(TProgram).Assembly.GetName().Name + ".dll", verb, variables, timeout);
    }

    /// <summary>Publishes an event on the service's own bus (as another service's relay would).</summary>
    public Task PublishAsync<T>(T message)
        where T : class => Services.GetRequiredService<IBus>().Publish(message);
}

using Identity.Api.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PartnerPlatform.Testing;

namespace Identity.Tests.Support;

/// <summary>
/// identity-api in memory over real servers: a fresh PostgreSQL database, a
/// RabbitMQ virtual host and a Redis database of its own, a clock the tests move, captured logs and
/// a notification file sink. Share one per test class (<c>IClassFixture</c>) or per collection.
/// </summary>
public class IdentityApiFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string VendorAdminUserName = "vendor-admin";

    private readonly PostgresDatabaseFixture _postgres = new();
    private readonly RabbitMqVirtualHostFixture _rabbitMq = new();
    private readonly RedisDatabaseFixture _redis = new();

    public ManualClock Clock { get; } = new();

    public CapturedLogs Logs { get; } = new();

    public string VendorAdminPassword { get; } = "Va-" + Guid.NewGuid().ToString("N")[..16];

    public string NotificationFile { get; } = Path.Combine(Path.GetTempPath(), "identity-notifications-" + Guid.NewGuid().ToString("N") + ".jsonl");

    public string DatabaseConnectionString => _postgres.ConnectionString;

    public RedisDatabaseFixture Redis => _redis;

    public RabbitMqVirtualHostFixture RabbitMq => _rabbitMq;

    public NotificationSink Notifications => new(NotificationFile);

    public ApiClient Api { get; private set; } = null!;

    /// <summary>Extra configuration a test class needs (e.g. a faster sweeper).</summary>
    protected virtual IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>();

    public async Task InitializeAsync()
    {
        await Task.WhenAll(_postgres.InitializeAsync(), _rabbitMq.InitializeAsync(), _redis.InitializeAsync());
        Api = new ApiClient(CreateClient(), this);
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        await Task.WhenAll(_postgres.DisposeAsync(), _rabbitMq.DisposeAsync(), _redis.DisposeAsync());
        File.Delete(NotificationFile);
    }

    /// <summary>Outbox rows of the event type that mention the id.</summary>
    public async Task<int> CountOutboxAsync(string eventName, Guid mentioned)
    {
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IdentityDbContext>();
        return await db.Database.SqlQuery<int>(
                $"SELECT count(*)::int AS \"Value\" FROM outbox_messages WHERE message_type LIKE {"%." + eventName + ",%"} AND payload::text LIKE {"%" + mentioned + "%"}")
            .SingleAsync();
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("ConnectionStrings:identitydb", _postgres.ConnectionString);
        builder.TrustTestTokens();
        builder.UseSetting("ConnectionStrings:eventbus", _rabbitMq.ConnectionUri.ToString());
        builder.UseSetting("ConnectionStrings:redis", _redis.ConnectionString);
        builder.UseSetting("APPLY_MIGRATIONS", "true");
        builder.UseSetting("Identity:VendorAdmin:UserName", VendorAdminUserName);
        builder.UseSetting("Identity:VendorAdmin:Password", VendorAdminPassword);
        builder.UseSetting("Identity:Notifications:FilePath", NotificationFile);
        builder.UseSetting("Identity:VerificationCodes:HashKey", "test-hash-key-" + Guid.NewGuid().ToString("N"));
        builder.UseSetting("Messaging:RetryIntervals:0", "00:00:00.100");
        builder.UseSetting("RateLimiting:Limit", "100000");
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<TimeProvider>(Clock);
            services.AddSingleton<ILoggerProvider>(Logs);
        });
    }
}

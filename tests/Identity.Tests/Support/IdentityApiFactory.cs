using Identity.Api.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Identity.Tests.Support;

/// <summary>
/// identity-api on the shared <see cref="ServiceApiFactory{TProgram}"/> (a fresh database, virtual
/// host and Redis database, a clock the tests move, ready once its event bus is healthy) with the
/// vendor administrator, captured logs and a notification file sink. Share one per test class
/// (<c>IClassFixture</c>) or per collection.
/// </summary>
public class IdentityApiFactory : ServiceApiFactory<Program>
{
    public const string VendorAdminUserName = "vendor-admin";

    public CapturedLogs Logs { get; } = new();

    public string VendorAdminPassword { get; } = "Va-" + Guid.NewGuid().ToString("N")[..16];

    public string NotificationFile { get; } = Path.Combine(Path.GetTempPath(), "identity-notifications-" + Guid.NewGuid().ToString("N") + ".jsonl");

    public NotificationSink Notifications => new(NotificationFile);

    /// <summary>The service's Redis connection string (its own database number).</summary>
    public string RedisConnectionString => Services.GetRequiredService<IConfiguration>().GetConnectionString("redis")!;

    public Scenario Api { get; private set; } = null!;

    protected override string DatabaseName => "identitydb";

    /// <summary>Extra configuration a test class needs (e.g. a faster sweeper).</summary>
    protected virtual IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>();

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Api = new Scenario(CreateCallerClient(null), this);
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        File.Delete(NotificationFile);
        GC.SuppressFinalize(this);
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

    protected override void ConfigureService(IWebHostBuilder builder)
    {
        builder.UseSetting("Identity:VendorAdmin:UserName", VendorAdminUserName);
        builder.UseSetting("Identity:VendorAdmin:Password", VendorAdminPassword);
        builder.UseSetting("Identity:Notifications:FilePath", NotificationFile);
        builder.UseSetting("Identity:VerificationCodes:HashKey", "test-hash-key-" + Guid.NewGuid().ToString("N"));
        builder.UseSetting("RateLimiting:Limit", "100000");
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }

        // The service's own levels (appsettings.json) decide, so tests see what operators would see.
        builder.ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Information));
        builder.ConfigureTestServices(services => services.AddSingleton<ILoggerProvider>(Logs));
    }
}

extern alias gateway;
extern alias identity;
extern alias resellers;

using System.Net.Http.Json;
using PartnerPlatform.Testing;

using static CrossService.Tests.Support.HostSettings;

namespace CrossService.Tests.Support;

/// <summary>
/// The real gateway, identity-api and resellers-api in one process over the real servers: identity
/// on a Kestrel socket (the gateway proxies to it and fetches its published keys from it, found
/// through <c>services:identity-api:http:0</c>), resellers consuming identity's events from the
/// same RabbitMQ virtual host, each service with a database of its own. No host trusts a test key.
/// </summary>
public sealed class Platform : IAsyncLifetime
{
    private readonly PostgresDatabaseFixture _identityDb = new();
    private readonly PostgresDatabaseFixture _resellersDb = new();
    private readonly RabbitMqVirtualHostFixture _rabbitMq = new();
    private readonly RedisDatabaseFixture _redis = new();
    private readonly string _notifications = Path.Combine(Path.GetTempPath(), "cross-service-notifications-" + Guid.NewGuid().ToString("N") + ".jsonl");

    private LoopbackHost<identity::Program> _identity = null!;
    private LoopbackHost<resellers::Program> _resellers = null!;
    private LoopbackHost<gateway::Program> _gateway = null!;

    public Uri IdentityAddress => _identity.Address;

    public IServiceProvider IdentityServices => _identity.Services;

    public HttpClient Gateway { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Task.WhenAll(_identityDb.InitializeAsync(), _resellersDb.InitializeAsync(), _rabbitMq.InitializeAsync(), _redis.InitializeAsync());
        var common = new Dictionary<string, string?>
        {
            ["ConnectionStrings:eventbus"] = _rabbitMq.ConnectionUri.ToString(),
            ["ConnectionStrings:redis"] = _redis.ConnectionString,
            ["APPLY_MIGRATIONS"] = "true",
            ["RateLimiting:Limit"] = "100000",
            ["Messaging:RetryIntervals:0"] = "00:00:00.100",
        };

        // Consumers first: an event published before resellers' queue is bound would be lost.
        _resellers = new LoopbackHost<resellers::Program>(With(common, new()
        {
            ["ConnectionStrings:resellersdb"] = _resellersDb.ConnectionString,
            ["OTEL_SERVICE_NAME"] = "resellers-api",
        }));
        await WaitForBusAsync(_resellers.Services);

        _identity = new LoopbackHost<identity::Program>(With(common, new()
        {
            ["ConnectionStrings:identitydb"] = _identityDb.ConnectionString,
            ["OTEL_SERVICE_NAME"] = "identity-api",
            ["Identity:Notifications:FilePath"] = _notifications,
            ["Identity:VerificationCodes:HashKey"] = "cross-service-" + Guid.NewGuid().ToString("N"),
            // Rotations take effect at once and retired keys vanish from the key set at once.
            ["Identity:Tokens:SigningKeyPublishedAhead"] = "00:00:00",
            ["Identity:Tokens:RetiredKeyPublishedFor"] = "00:00:00",
        }));
        _identity.Start();
        await WaitForBusAsync(_identity.Services);

        _gateway = new LoopbackHost<gateway::Program>(With(common, new()
        {
            ["OTEL_SERVICE_NAME"] = "gateway",
            ["services:identity-api:http:0"] = _identity.Address.ToString(),
            ["Authentication:KeysMinimumRefreshInterval"] = "00:00:01",
        }));
        _gateway.Start();
        // An outside caller: it sends only the trace context a test gives it.
        Gateway = new HttpClient(new SocketsHttpHandler { ActivityHeadersPropagator = null }) { BaseAddress = _gateway.Address };
    }

    public async Task DisposeAsync()
    {
        Gateway.Dispose();
        await _gateway.DisposeAsync();
        await _identity.DisposeAsync();
        await _resellers.DisposeAsync();
        await Task.WhenAll(_identityDb.DisposeAsync(), _resellersDb.DisposeAsync(), _rabbitMq.DisposeAsync(), _redis.DisposeAsync());
        File.Delete(_notifications);
    }

    /// <summary>Registers a partner through the gateway (a public route) and signs in; answers the access token.</summary>
    public async Task<string> RegisterAndSignInAsync(string userName, string password)
    {
        var registered = await Gateway.PostAsJsonAsync("/v2/partners/profile/register", new
        {
            user_name = userName,
            password,
            company_name = "Company " + userName,
            email = userName + "@example.com",
        });
        registered.EnsureSuccessStatusCode();
        return await SignInAsync(userName, password);
    }

    public async Task<string> SignInAsync(string userName, string password)
    {
        var login = await Gateway.PostAsJsonAsync("/v2/auth/login", new { username = userName, password });
        login.EnsureSuccessStatusCode();
        return (await login.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("access_token").GetString()!;
    }
}

extern alias gateway;

using PartnerPlatform.ServiceDefaults;
using PartnerPlatform.Testing;

namespace CrossService.Tests.Support;

/// <summary>
/// The real gateway in front of services a test runs itself (for example a
/// <see cref="ServiceApiFactory{TProgram}"/> on its socket): it trusts the test key of
/// <see cref="TestTokens"/>, keeps its rate limits in a Redis database of its own and resolves each
/// named service (<c>opportunities-api</c>, …) to the address given. Callers reach the services
/// only as a frontend does, through the gateway's routes.
/// </summary>
public sealed class GatewayInFront : IAsyncDisposable
{
    private readonly RedisDatabaseFixture _redis = new();
    private LoopbackHost<gateway::Program> _host = null!;

    private GatewayInFront()
    {
    }

    public Uri Address => _host.Address;

    public static async Task<GatewayInFront> StartAsync(IReadOnlyDictionary<string, Uri> services)
    {
        var gatewayInFront = new GatewayInFront();
        await gatewayInFront._redis.InitializeAsync();
        var settings = new Dictionary<string, string?>
        {
            [TestTokens.JwksSetting] = TestTokens.Jwks,
            ["ConnectionStrings:redis"] = gatewayInFront._redis.ConnectionString,
            ["OTEL_SERVICE_NAME"] = "gateway",
            ["RateLimiting:Limit"] = "100000",
        };
        foreach (var (name, address) in services)
        {
            settings[$"services:{name}:http:0"] = address.ToString();
        }

        gatewayInFront._host = new LoopbackHost<gateway::Program>(settings);
        gatewayInFront._host.Start();
        return gatewayInFront;
    }

    /// <summary>A client of the gateway as an outside caller; with a caller, it carries that caller's token.</summary>
    public HttpClient CreateClient(CurrentCaller? caller = null)
    {
        var client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, ActivityHeadersPropagator = null })
        {
            BaseAddress = Address,
        };
        if (caller is not null)
        {
            client.DefaultRequestHeaders.Authorization = new("Bearer", TestTokens.For(caller));
        }

        return client;
    }

    public async ValueTask DisposeAsync()
    {
        await _host.DisposeAsync();
        await _redis.DisposeAsync();
    }
}

using PartnerPlatform.Testing;

namespace Gateway.Tests.Support;

/// <summary>
/// What one test class needs: a fresh Redis database on the private servers, one fake upstream per
/// service, trust in the test key of <see cref="TestTokens"/>, and a gateway whose rate
/// limits are high enough to stay out of the way (the rate-limit tests start their own).
/// </summary>
public class GatewayFixture : IAsyncLifetime
{
    public static readonly IReadOnlyList<string> ServiceNames =
        ["identity-api", "opportunities-api", "coupons-api", "resellers-api", "incentives-api", "subscription-files-api"];

    private readonly List<GatewayHost> _gateways = [];

    public RedisDatabaseFixture Redis { get; } = new();

    internal Dictionary<string, FakeService> Services { get; } = new(StringComparer.Ordinal);

    internal GatewayHost Gateway { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Redis.InitializeAsync();
        foreach (var service in await Task.WhenAll(ServiceNames.Select(FakeService.StartAsync)))
        {
            Services[service.Name] = service;
        }

        Gateway = await StartGatewayAsync();
    }

    /// <summary>
    /// Settings every gateway of this class shares: servers, a destination naming each service and
    /// each service's address unless left out,
    /// and a limit no test reaches by accident (every request, with a token or without, takes a
    /// permit of its source address, and the tests share Redis and 127.0.0.1); the rate-limit tests
    /// set their own.
    /// </summary>
    internal Dictionary<string, string?> BaseSettings(IEnumerable<string>? withoutServices = null)
    {
        var settings = new Dictionary<string, string?>
        {
            [TestTokens.JwksSetting] = TestTokens.Jwks,
            ["ConnectionStrings:redis"] = Redis.ConnectionString,
            ["OTEL_SERVICE_NAME"] = "gateway",
            ["RateLimiting:Limit"] = "100000",
        };
        // Every cluster names its service, as a deployed service's entry in appsettings.json does;
        // only the services not left out get an address to resolve it to.
        foreach (var (name, service) in Services)
        {
            settings[$"ReverseProxy:Clusters:{name}:Destinations:primary:Address"] = $"http://{name}";
            if (withoutServices?.Contains(name) != true)
            {
                settings[$"services:{name}:http:0"] = service.Address.ToString();
            }
        }

        return settings;
    }

    /// <summary>Starts another gateway (disposed with the fixture); <paramref name="settings"/> win over the base settings.</summary>
    internal async Task<GatewayHost> StartGatewayAsync(IDictionary<string, string?>? settings = null, IEnumerable<string>? withoutServices = null)
    {
        var all = BaseSettings(withoutServices);
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        var gateway = await GatewayHost.StartAsync(all);
        lock (_gateways)
        {
            _gateways.Add(gateway);
        }

        return gateway;
    }

    internal HttpClient PartnerClient(string partnerId = "partner-1") => Gateway.CreateClient(TestTokens.For(Callers.Partner(partnerId)));

    public async Task DisposeAsync()
    {
        foreach (var gateway in _gateways)
        {
            await gateway.DisposeAsync();
        }

        foreach (var service in Services.Values)
        {
            await service.DisposeAsync();
        }

        await Redis.DisposeAsync();
    }
}

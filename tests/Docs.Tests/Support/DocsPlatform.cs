extern alias coupons;
extern alias gateway;
extern alias identity;
extern alias incentives;
extern alias opportunities;
extern alias resellers;
extern alias subscriptionfiles;

using System.Net.Http.Json;
using System.Text.Json;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using PartnerPlatform.Testing;

namespace Docs.Tests.Support;

/// <summary>
/// The real gateway in front of all six services in one process over the real servers: each
/// service on a Kestrel socket with a database of its own, all on one RabbitMQ virtual host, the
/// gateway finding them through <c>services:{name}:http:0</c> and trusting identity-api's
/// published keys only. identity-api seeds its vendor administrator and its demo accounts
/// (<c>demo-distributor</c>, …) as <c>--seed-demo-data</c> does.
/// </summary>
public sealed class DocsPlatform : IAsyncLifetime
{
    public const string DemoPassword = "Docs-demo-2026";
    public const string DemoAccount = "demo-distributor";

    public static readonly IReadOnlyList<string> ServiceNames =
        ["identity-api", "opportunities-api", "coupons-api", "resellers-api", "incentives-api", "subscription-files-api"];

    private readonly Dictionary<string, PostgresDatabaseFixture> _databases = new()
    {
        ["identitydb"] = new(), ["resellersdb"] = new(), ["couponsdb"] = new(),
        ["opportunitiesdb"] = new(), ["incentivesdb"] = new(), ["subscriptionfilesdb"] = new(),
    };

    private readonly RabbitMqVirtualHostFixture _rabbitMq = new();
    private readonly RedisDatabaseFixture _redis = new();
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "docs-tests-" + Guid.NewGuid().ToString("N"));
    private readonly List<IAsyncDisposable> _hosts = [];

    public Uri GatewayAddress { get; private set; } = null!;

    public HttpClient Gateway { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_folder);
        await Task.WhenAll(_databases.Values.Select(d => d.InitializeAsync()).Append(_rabbitMq.InitializeAsync()).Append(_redis.InitializeAsync()));
        var common = new Dictionary<string, string?>
        {
            ["ConnectionStrings:eventbus"] = _rabbitMq.ConnectionUri.ToString(),
            ["ConnectionStrings:redis"] = _redis.ConnectionString,
            ["APPLY_MIGRATIONS"] = "true",
            ["RateLimiting:Limit"] = "100000",
            ["Messaging:RetryIntervals:0"] = "00:00:00.100",
        };

        var identity = await StartAsync(new Host<identity::Program>(With(common, new()
        {
            ["ConnectionStrings:identitydb"] = _databases["identitydb"].ConnectionString,
            ["OTEL_SERVICE_NAME"] = "identity-api",
            ["Identity:Notifications:FilePath"] = Path.Combine(_folder, "notifications.jsonl"),
            ["Identity:VerificationCodes:HashKey"] = "docs-" + Guid.NewGuid().ToString("N"),
            ["Identity:VendorAdmin:UserName"] = "vendor-admin",
            ["Identity:VendorAdmin:Password"] = "Docs-admin-2026",
            ["Identity:DemoData:Password"] = DemoPassword,
        })));
        await SeedIdentityDemoDataAsync(identity.Services);

        // Every other service trusts identity-api's published keys, as deployed.
        var addresses = new Dictionary<string, Uri> { ["identity-api"] = identity.Address };
        var trustIdentity = With(common, new() { ["services:identity-api:http:0"] = identity.Address.ToString() });
        // One after another: the test host factory finds each Program's host through process-wide events.
        var others = new[]
        {
            await StartAsync(new Host<opportunities::Program>(With(trustIdentity, new()
            {
                ["ConnectionStrings:opportunitiesdb"] = _databases["opportunitiesdb"].ConnectionString,
                ["OTEL_SERVICE_NAME"] = "opportunities-api",
            }))),
            await StartAsync(new Host<coupons::Program>(With(trustIdentity, new()
            {
                ["ConnectionStrings:couponsdb"] = _databases["couponsdb"].ConnectionString,
                ["OTEL_SERVICE_NAME"] = "coupons-api",
            }))),
            await StartAsync(new Host<resellers::Program>(With(trustIdentity, new()
            {
                ["ConnectionStrings:resellersdb"] = _databases["resellersdb"].ConnectionString,
                ["OTEL_SERVICE_NAME"] = "resellers-api",
            }))),
            await StartAsync(new Host<incentives::Program>(With(trustIdentity, new()
            {
                ["ConnectionStrings:incentivesdb"] = _databases["incentivesdb"].ConnectionString,
                ["OTEL_SERVICE_NAME"] = "incentives-api",
            }))),
            await StartAsync(new Host<subscriptionfiles::Program>(With(trustIdentity, new()
            {
                ["ConnectionStrings:subscriptionfilesdb"] = _databases["subscriptionfilesdb"].ConnectionString,
                ["OTEL_SERVICE_NAME"] = "subscription-files-api",
                ["SubscriptionFiles:LocalBucketRoot"] = Path.Combine(_folder, "buckets"),
                ["SubscriptionFiles:ExportRoot"] = Path.Combine(_folder, "exports"),
            }))),
        };
        for (var i = 0; i < others.Length; i++)
        {
            addresses[ServiceNames[i + 1]] = others[i].Address;
        }

        var gatewaySettings = With(common, new() { ["OTEL_SERVICE_NAME"] = "gateway" });
        foreach (var (name, address) in addresses)
        {
            gatewaySettings[$"services:{name}:http:0"] = address.ToString();
        }

        var gatewayHost = await StartAsync(new Host<gateway::Program>(gatewaySettings), waitForBus: false);
        GatewayAddress = gatewayHost.Address;
        Gateway = new HttpClient { BaseAddress = GatewayAddress };
    }

    public async Task DisposeAsync()
    {
        Gateway?.Dispose();
        _hosts.Reverse();
        foreach (var host in _hosts)
        {
            await host.DisposeAsync();
        }

        await Task.WhenAll(_databases.Values.Select(d => d.DisposeAsync()).Append(_rabbitMq.DisposeAsync()).Append(_redis.DisposeAsync()));
        Directory.Delete(_folder, recursive: true);
    }

    /// <summary>A service's OpenAPI document as the gateway serves it to the portal.</summary>
    public async Task<JsonElement> OpenApiDocumentAsync(string service)
    {
        using var response = await Gateway.GetAsync($"/openapi/{service}/v1.json");
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{service}'s document: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public async Task<string> OpenApiDocumentTextAsync(string service)
    {
        using var response = await Gateway.GetAsync($"/openapi/{service}/v1.json");
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsStringAsync();
    }

    public async Task<string> SignInAsync(string userName, string password)
    {
        using var login = await Gateway.PostAsJsonAsync("/v2/auth/login", new { username = userName, password });
        login.EnsureSuccessStatusCode();
        return (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("access_token").GetString()!;
    }

    private static async Task SeedIdentityDemoDataAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await ActivatorUtilities.CreateInstance<identity::Identity.Api.DemoData.IdentityDemoData>(scope.ServiceProvider).SeedAsync(timeout.Token);
    }

    private async Task<IStartedHost> StartAsync<TProgram>(Host<TProgram> host, bool waitForBus = true)
        where TProgram : class
    {
        lock (_hosts)
        {
            _hosts.Add(host);
        }

        host.Start();
        if (waitForBus)
        {
            var health = await host.Services.GetRequiredService<IBusControl>().WaitForHealthStatus(BusHealthStatus.Healthy, TimeSpan.FromSeconds(90));
            if (health != BusHealthStatus.Healthy)
            {
                throw new InvalidOperationException($"The bus of {typeof(TProgram).Assembly.GetName().Name} did not become healthy: {health}");
            }
        }

        return host;
    }

    private static Dictionary<string, string?> With(Dictionary<string, string?> common, Dictionary<string, string?> own)
    {
        var all = new Dictionary<string, string?>(common);
        foreach (var (key, value) in own)
        {
            all[key] = value;
        }

        return all;
    }

    private interface IStartedHost
    {
        Uri Address { get; }

        IServiceProvider Services { get; }
    }

    private sealed class Host<TProgram>(IReadOnlyDictionary<string, string?> settings) : LoopbackHost<TProgram>(settings), IStartedHost
        where TProgram : class;
}

[CollectionDefinition(Name)]
public sealed class DocsPlatformCollection : ICollectionFixture<DocsPlatform>
{
    public const string Name = "docs platform";
}

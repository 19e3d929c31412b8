extern alias gateway;
extern alias identity;
extern alias subscriptionfiles;

using System.Net.Http.Json;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using PartnerPlatform.Testing;
using SamlServiceProviderKey = identity::Identity.Api.Application.Sso.SamlServiceProviderKey;

using static CrossService.Tests.Support.HostSettings;

namespace CrossService.Tests.Support;

/// <summary>
/// The partner center as its users meet it: the real gateway in front of identity-api and
/// subscription-files-api, each on a Kestrel socket with a database of its own, both on one RabbitMQ
/// virtual host (identity's events reach subscription-files' webhooks) and trusting only identity's
/// published keys. identity-api has a vendor administrator, a SAML service provider key and its
/// notifications in a file; subscription-files-api has the test configuration of webhooks (loopback
/// receivers allowed, the sender polling every 100 ms). Callers go through <see cref="SendAsync"/>,
/// the gateway's public address, without following redirects.
/// </summary>
public sealed class PartnerCenter : IAsyncLifetime
{
    public const string VendorAdminUserName = "vendor-admin";
    public const string Password = "Cross-pass-1";
    public const string PublicBaseUrl = "https://partner-center.test";
    public const string FrontendSignInUrl = "https://portal.test/sso/callback";

    private readonly PostgresDatabaseFixture _identityDb = new();
    private readonly PostgresDatabaseFixture _subscriptionFilesDb = new();
    private readonly RabbitMqVirtualHostFixture _rabbitMq = new();
    private readonly RedisDatabaseFixture _redis = new();
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "partner-center-" + Guid.NewGuid().ToString("N"));
    private readonly string _vendorAdminPassword = "Va-" + Guid.NewGuid().ToString("N")[..16];

    private LoopbackHost<identity::Program> _identity = null!;
    private LoopbackHost<subscriptionfiles::Program> _subscriptionFiles = null!;
    private LoopbackHost<gateway::Program> _gateway = null!;
    private HttpClient _browser = null!;

    /// <summary>The service provider's signing certificate as configured (PEM, public part).</summary>
    public string ServiceProviderCertificatePem { get; private set; } = "";

    private string NotificationFile => Path.Combine(_folder, "notifications.jsonl");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_folder);
        await Task.WhenAll(_identityDb.InitializeAsync(), _subscriptionFilesDb.InitializeAsync(), _rabbitMq.InitializeAsync(), _redis.InitializeAsync());
        var common = new Dictionary<string, string?>
        {
            ["ConnectionStrings:eventbus"] = _rabbitMq.ConnectionUri.ToString(),
            ["ConnectionStrings:redis"] = _redis.ConnectionString,
            ["APPLY_MIGRATIONS"] = "true",
            ["RateLimiting:Limit"] = "100000",
            ["Messaging:RetryIntervals:0"] = "00:00:00.100",
        };

        using var certificate = SamlServiceProviderKey.SelfSigned(DateTimeOffset.UtcNow, "CN=Cross-service SAML service provider");
        using var key = certificate.GetRSAPrivateKey()!;
        ServiceProviderCertificatePem = certificate.ExportCertificatePem();
        _identity = new LoopbackHost<identity::Program>(With(common, new()
        {
            ["ConnectionStrings:identitydb"] = _identityDb.ConnectionString,
            ["OTEL_SERVICE_NAME"] = "identity-api",
            ["Identity:Notifications:FilePath"] = NotificationFile,
            ["Identity:VerificationCodes:HashKey"] = "cross-service-" + Guid.NewGuid().ToString("N"),
            ["Identity:VendorAdmin:UserName"] = VendorAdminUserName,
            ["Identity:VendorAdmin:Password"] = _vendorAdminPassword,
            ["Identity:Saml:PublicBaseUrl"] = PublicBaseUrl,
            ["Identity:Saml:FrontendSignInUrl"] = FrontendSignInUrl,
            ["Identity:Saml:SigningCertificatePem"] = ServiceProviderCertificatePem,
            ["Identity:Saml:SigningKeyPem"] = key.ExportPkcs8PrivateKeyPem(),
        }));
        _identity.Start();
        await WaitForBusAsync(_identity.Services);

        // Its queues are bound before any test acts, so no event of identity's is published unheard.
        _subscriptionFiles = new LoopbackHost<subscriptionfiles::Program>(With(common, new()
        {
            ["ConnectionStrings:subscriptionfilesdb"] = _subscriptionFilesDb.ConnectionString,
            ["OTEL_SERVICE_NAME"] = "subscription-files-api",
            ["services:identity-api:http:0"] = _identity.Address.ToString(),
            ["SubscriptionFiles:LocalBucketRoot"] = Path.Combine(_folder, "buckets"),
            ["SubscriptionFiles:ExportRoot"] = Path.Combine(_folder, "exports"),
            ["Webhooks:AllowLoopback"] = "true",
            ["Webhooks:PollInterval"] = "00:00:00.100",
            ["Webhooks:RetryBaseDelay"] = "00:00:00.300",
            ["Webhooks:RetryMaxDelay"] = "00:00:02",
        }));
        _subscriptionFiles.Start();
        await WaitForBusAsync(_subscriptionFiles.Services);

        _gateway = new LoopbackHost<gateway::Program>(With(common, new()
        {
            ["OTEL_SERVICE_NAME"] = "gateway",
            ["services:identity-api:http:0"] = _identity.Address.ToString(),
            ["services:subscription-files-api:http:0"] = _subscriptionFiles.Address.ToString(),
        }));
        _gateway.Start();
        _browser = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, ActivityHeadersPropagator = null }) { BaseAddress = _gateway.Address };
    }

    public async Task DisposeAsync()
    {
        _browser.Dispose();
        await _gateway.DisposeAsync();
        await _subscriptionFiles.DisposeAsync();
        await _identity.DisposeAsync();
        await Task.WhenAll(_identityDb.DisposeAsync(), _subscriptionFilesDb.DisposeAsync(), _rabbitMq.DisposeAsync(), _redis.DisposeAsync());
        Directory.Delete(_folder, recursive: true);
    }

    /// <summary>A request to the gateway as a frontend sends it: JSON body, the caller's token when given.</summary>
    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? token = null, object? body = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (token is not null)
        {
            request.Headers.Authorization = new("Bearer", token);
        }

        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        return await _browser.SendAsync(request);
    }

    public Task<HttpResponseMessage> GetAsync(string path, string? token = null) => SendAsync(HttpMethod.Get, path, token);

    public Task<HttpResponseMessage> PostAsync(string path, object body, string? token = null) => SendAsync(HttpMethod.Post, path, token, body);

    public Task<HttpResponseMessage> PutAsync(string path, object body, string? token = null) => SendAsync(HttpMethod.Put, path, token, body);

    /// <summary>A form post (the SAML HTTP-POST binding) to the gateway.</summary>
    public async Task<HttpResponseMessage> PostFormAsync(string path, IReadOnlyDictionary<string, string> fields)
    {
        using var content = new FormUrlEncodedContent(fields);
        return await _browser.PostAsync(path, content);
    }

    public async Task<string> SignInAsync(string userName, string password = Password)
    {
        var tokens = await (await PostAsync("/v2/auth/login", new { username = userName, password })).IsSuccess();
        return tokens.GetProperty("access_token").GetString()!;
    }

    public Task<string> SignInVendorAdminAsync() => SignInAsync(VendorAdminUserName, _vendorAdminPassword);

    /// <summary>A partner registered through the gateway's public route and signed in as its administrator.</summary>
    public async Task<PartnerAccount> RegisterPartnerAsync()
    {
        var userName = UniqueName("p");
        var registered = await (await PostAsync("/v2/partners/profile/register", new
        {
            user_name = userName,
            password = Password,
            company_name = "Company " + userName,
            email = userName + "@example.com",
        })).IsSuccess(System.Net.HttpStatusCode.Created);
        return new PartnerAccount(registered.GetProperty("partner_id").GetGuid(), userName, await SignInAsync(userName));
    }

    /// <summary>A personal (customer) account registered through the gateway's public route and signed in.</summary>
    public async Task<CustomerAccount> RegisterCustomerAsync()
    {
        var userName = UniqueName("cu");
        var registered = await (await PostAsync("/v2/auth/customers/register", new { domain_name = userName, password = Password, email = userName + "@example.com" }))
            .IsSuccess(System.Net.HttpStatusCode.Created);
        return new CustomerAccount(registered.GetProperty("domain_id").GetGuid(), userName, userName + "@example.com", await SignInAsync(userName));
    }

    /// <summary>The body of the latest notification identity-api sent to <paramref name="address"/>.</summary>
    public string LatestNotificationTo(string address)
    {
        using var stream = new FileStream(NotificationFile, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => JsonDocument.Parse(line).RootElement)
            .Last(n => n.GetProperty("address").GetString() == address)
            .GetProperty("body").GetString()!;
    }

    public static string UniqueName(string prefix) => prefix + "-" + Guid.NewGuid().ToString("N")[..16];

    /// <summary>The token of an invitation link (<c>…?token=…</c>).</summary>
    public static string TokenOf(string link) => Uri.UnescapeDataString(link[(link.IndexOf("token=", StringComparison.Ordinal) + 6)..]);

    public static X509Certificate2 CertificateOf(string pem) => X509Certificate2.CreateFromPem(pem);
}

public sealed record PartnerAccount(Guid PartnerId, string UserName, string Token);

public sealed record CustomerAccount(Guid CustomerId, string UserName, string Email, string Token);

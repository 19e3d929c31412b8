using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PartnerPlatform.ServiceDefaults.Tests.Infrastructure;

namespace PartnerPlatform.ServiceDefaults.Tests;

/// <summary>Token validation against published keys and the per-endpoint policies.</summary>
public sealed class AuthenticationTests : IAsyncLifetime
{
    private readonly ManualTimeProvider _clock = new(new DateTimeOffset(2026, 11, 21, 8, 0, 0, TimeSpan.Zero));
    private SampleHost _host = null!;

    public async Task InitializeAsync() => _host = await StartServiceAsync(_clock);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task A_request_without_a_token_is_a_401_with_CBC_0154()
    {
        var response = await _host.Client.GetAsync("/v2/coupons/me");
        await ProblemAssert.IsProblem(response, HttpStatusCode.Unauthorized, "CBC.0154");
    }

    [Fact]
    public async Task A_garbled_token_is_a_401_with_CBC_0154()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v2/coupons/me");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "not-a-token");
        await ProblemAssert.IsProblem(await _host.Client.SendAsync(request), HttpStatusCode.Unauthorized, "CBC.0154");
    }

    [Fact]
    public async Task An_expired_token_is_a_401_with_CBC_0154()
    {
        var token = _host.IssueToken(Callers.Partner(), lifetime: TimeSpan.FromMinutes(30));
        Assert.Equal(HttpStatusCode.OK, (await GetAsync("/v2/coupons/me", token)).StatusCode);

        _clock.Advance(TimeSpan.FromMinutes(31));

        await ProblemAssert.IsProblem(await GetAsync("/v2/coupons/me", token), HttpStatusCode.Unauthorized, "CBC.0154");
    }

    [Fact]
    public async Task The_current_caller_is_read_from_the_token_claims()
    {
        var caller = new CurrentCaller
        {
            IsAuthenticated = true,
            UserId = "u-7",
            PartnerId = "p-7",
            Programmes = new HashSet<string> { "distributor", "solution_provider" },
            Permissions = new HashSet<string> { "coupons.issue" },
            CustomerId = "c-9",
            Region = "cn",
        };

        var body = await (await GetAsync("/v2/coupons/me", _host.IssueToken(caller))).Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal("u-7", body.GetProperty("user_id").GetString());
        Assert.Equal("p-7", body.GetProperty("partner_id").GetString());
        Assert.Equal(["distributor", "solution_provider"], body.GetProperty("programmes").EnumerateArray().Select(e => e.GetString()).Order());
        Assert.Equal(["coupons.issue"], body.GetProperty("permissions").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("c-9", body.GetProperty("customer_id").GetString());
        Assert.Equal("cn", body.GetProperty("region").GetString());
        Assert.Equal(JsonValueKind.Null, body.GetProperty("vendor_role").ValueKind);
    }

    [Fact]
    public async Task A_missing_permission_item_is_a_403_with_CBC_0155()
    {
        var token = _host.IssueToken(Callers.Partner(permissions: ["coupons.recall"]));
        var body = await ProblemAssert.IsProblem(await PostAsync("/v2/coupons/issue", token), HttpStatusCode.Forbidden, "CBC.0155");
        Assert.Contains("coupons.issue", body.GetProperty("error_msg").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Holding_the_permission_item_passes()
    {
        var token = _host.IssueToken(Callers.Partner(permissions: ["coupons.issue"]));
        Assert.Equal(HttpStatusCode.OK, (await PostAsync("/v2/coupons/issue", token)).StatusCode);
    }

    [Fact]
    public async Task The_wrong_programme_is_a_403_with_CBC_0151()
    {
        var solutionProvider = _host.IssueToken(Callers.Partner(programmes: ["solution_provider"]));
        var distributor = _host.IssueToken(Callers.Partner(programmes: ["distributor"]));

        await ProblemAssert.IsProblem(await GetAsync("/v2/partners/distribution/resellers", solutionProvider), HttpStatusCode.Forbidden, "CBC.0151");
        Assert.Equal(HttpStatusCode.OK, (await GetAsync("/v2/partners/distribution/resellers", distributor)).StatusCode);
    }

    [Fact]
    public async Task Vendor_endpoints_need_one_of_their_vendor_roles()
    {
        await ProblemAssert.IsProblem(
            await GetAsync("/v2/vendor/partners", _host.IssueToken(Callers.Partner())), HttpStatusCode.Forbidden, "CBC.0151");
        await ProblemAssert.IsProblem(
            await GetAsync("/v2/vendor/partners", _host.IssueToken(Callers.Vendor("pdm"))), HttpStatusCode.Forbidden, "CBC.0151");
        Assert.Equal(HttpStatusCode.OK, (await GetAsync("/v2/vendor/partners", _host.IssueToken(Callers.Vendor("ecosystem_manager")))).StatusCode);
    }

    [Fact]
    public async Task Partner_only_endpoints_refuse_vendor_staff_with_CBC_0151() =>
        await ProblemAssert.IsProblem(
            await GetAsync("/v2/partners/profile", _host.IssueToken(Callers.Vendor("ops"))), HttpStatusCode.Forbidden, "CBC.0151");

    [Fact]
    public async Task A_token_validates_in_a_host_that_finds_the_issuers_keys_through_the_service_map()
    {
        // Stands in for identity-api: publishes the test key as identity-api publishes its own.
        await using var issuer = await SampleHost.StartAsync(
            map: app =>
            {
                app.MapGet(PlatformAuthentication.MetadataPath, (HttpContext context) => Results.Json(new Dictionary<string, object>
                {
                    ["issuer"] = new PlatformAuthenticationOptions().Issuer,
                    ["jwks_uri"] = $"http://{context.Request.Host}{PlatformAuthentication.JwksPath}",
                })).AllowAnonymous();
                app.MapGet(PlatformAuthentication.JwksPath, () => Results.Text(TestTokens.Jwks, "application/json")).AllowAnonymous();
            },
            kestrel: true);
        await using var coupons = await SampleHost.StartAsync(
            settings: new Dictionary<string, string?>
            {
                [TestTokens.JwksSetting] = null,
                [$"services:{PlatformAuthentication.IdentityServiceName}:http:0"] = issuer.Client.BaseAddress!.ToString(),
            },
            map: MapEndpoints);

        using var request = new HttpRequestMessage(HttpMethod.Get, "/v2/coupons/me");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", TestTokens.For(Callers.Partner("p-published")));
        var response = await coupons.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("p-published", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("partner_id").GetString());
    }

    [Fact]
    public async Task A_token_signed_with_a_key_nobody_published_is_a_401_with_CBC_0154()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v2/coupons/me");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", TestTokens.ForeignFor(Callers.Partner(), _clock.GetUtcNow()));
        await ProblemAssert.IsProblem(await _host.Client.SendAsync(request), HttpStatusCode.Unauthorized, "CBC.0154");
    }

    [Fact]
    public async Task A_host_that_trusts_no_key_refuses_every_token()
    {
        await using var stranger = await SampleHost.StartAsync(
            settings: new Dictionary<string, string?> { [TestTokens.JwksSetting] = null }, map: MapEndpoints);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v2/coupons/me");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", TestTokens.For(Callers.Partner()));
        await ProblemAssert.IsProblem(await stranger.Client.SendAsync(request), HttpStatusCode.Unauthorized, "CBC.0154");
    }

    [Fact]
    public async Task A_validated_token_is_remembered_once_and_a_refused_one_never()
    {
        var cache = _host.Services.GetRequiredService<IOptionsMonitor<JwtBearerOptions>>().Get(PlatformAuthentication.Scheme)
            .TokenHandlers.OfType<ValidatedTokenCache>().Single();
        var before = cache.Count;
        var token = _host.IssueToken(Callers.Partner("p-remembered"));

        Assert.Equal(HttpStatusCode.OK, (await GetAsync("/v2/coupons/me", token)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await GetAsync("/v2/coupons/me", token)).StatusCode);
        Assert.Equal(before + 1, cache.Count);

        await ProblemAssert.IsProblem(
            await GetAsync("/v2/coupons/me", TestTokens.ForeignFor(Callers.Partner(), _clock.GetUtcNow())), HttpStatusCode.Unauthorized, "CBC.0154");
        Assert.Equal(before + 1, cache.Count);
    }

    [Fact]
    public async Task Health_and_the_error_catalogue_need_no_token()
    {
        Assert.Equal(HttpStatusCode.OK, (await _host.Client.GetAsync("/alive")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _host.Client.GetAsync("/v2/reference/error-codes")).StatusCode);
    }

    private static Task<SampleHost> StartServiceAsync(TimeProvider clock) => SampleHost.StartAsync(
        configure: builder => builder.Services.AddSingleton(clock),
        map: MapEndpoints);

    private static void MapEndpoints(WebApplication app)
    {
        app.MapGet("/v2/coupons/me", (CurrentCaller caller) => TypedResults.Ok(new
        {
            caller.UserId,
            caller.PartnerId,
            caller.Programmes,
            caller.Permissions,
            caller.VendorRole,
            caller.CustomerId,
            caller.Region,
        }));
        app.MapPost("/v2/coupons/issue", () => TypedResults.Ok()).RequirePermission("coupons.issue");
        app.MapGet("/v2/partners/distribution/resellers", () => TypedResults.Ok()).RequireProgramme("distributor");
        app.MapGet("/v2/vendor/partners", () => TypedResults.Ok()).RequireVendorRole("ecosystem_manager", "ops");
        app.MapGet("/v2/partners/profile", () => TypedResults.Ok()).RequirePartner();
    }

    private Task<HttpResponseMessage> GetAsync(string path, string token) => SendAsync(HttpMethod.Get, path, token);

    private Task<HttpResponseMessage> PostAsync(string path, string token) => SendAsync(HttpMethod.Post, path, token);

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string token)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await _host.Client.SendAsync(request);
    }
}

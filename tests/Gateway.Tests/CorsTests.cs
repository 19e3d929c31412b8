using System.Net;
using Gateway.Tests.Support;
using PartnerPlatform.Testing;

namespace Gateway.Tests;

public sealed class CorsTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    private const string Frontend = "https://partner.example.com";

    private Task<GatewayHost> StartWithFrontendAsync() =>
        fixture.StartGatewayAsync(new Dictionary<string, string?> { ["Gateway:Cors:AllowedOrigins:0"] = Frontend });

    private static HttpRequestMessage Preflight(string origin)
    {
        var request = new HttpRequestMessage(HttpMethod.Options, "/v2/partners/coupon-quotas/query");
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", "POST");
        request.Headers.Add("Access-Control-Request-Headers", "authorization,content-type,idempotency-key");
        return request;
    }

    [Fact]
    public async Task A_preflight_from_a_configured_frontend_is_allowed_without_a_token_and_never_forwarded()
    {
        var gateway = await StartWithFrontendAsync();
        using var client = gateway.CreateClient();
        var before = fixture.Services["coupons-api"].Received.Count;

        using var request = Preflight(Frontend);
        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(Frontend, Assert.Single(response.Headers.GetValues("Access-Control-Allow-Origin")));
        Assert.Contains("POST", string.Join(',', response.Headers.GetValues("Access-Control-Allow-Methods")), StringComparison.Ordinal);
        var allowedHeaders = string.Join(',', response.Headers.GetValues("Access-Control-Allow-Headers"));
        Assert.Contains("authorization", allowedHeaders, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("idempotency-key", allowedHeaders, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(before, fixture.Services["coupons-api"].Received.Count);
    }

    [Fact]
    public async Task A_preflight_from_another_origin_gets_no_permission()
    {
        var gateway = await StartWithFrontendAsync();
        using var client = gateway.CreateClient();

        using var request = Preflight("https://elsewhere.example.net");
        var response = await client.SendAsync(request);

        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task The_frontend_can_read_the_gateways_own_error_answers_and_their_request_id()
    {
        var gateway = await StartWithFrontendAsync();
        using var client = gateway.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v2/coupons/c-1");
        request.Headers.Add("Origin", Frontend);

        var response = await client.SendAsync(request);

        await ProblemAssert.IsProblem(response, HttpStatusCode.Unauthorized, "CBC.0154");
        Assert.Equal(Frontend, Assert.Single(response.Headers.GetValues("Access-Control-Allow-Origin")));
        Assert.Contains("X-Request-Id", string.Join(',', response.Headers.GetValues("Access-Control-Expose-Headers")), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task The_frontend_can_read_a_services_answer_and_the_rate_limits_retry_after()
    {
        var gateway = await fixture.StartGatewayAsync(new Dictionary<string, string?>
        {
            ["Gateway:Cors:AllowedOrigins:0"] = Frontend,
            ["RateLimiting:Limit"] = "1",
            ["RateLimiting:Window"] = "00:00:30",
        });
        using var client = gateway.CreateClient(TestTokens.For(Callers.Partner("partner-browser")), IPAddress.Parse("127.0.0.13"));

        HttpRequestMessage FromFrontend()
        {
            var request = new HttpRequestMessage(HttpMethod.Get, "/v2/partners/distribution/links");
            request.Headers.Add("Origin", Frontend);
            return request;
        }

        var forwarded = await client.SendAsync(FromFrontend());
        var limited = await client.SendAsync(FromFrontend());

        Assert.Equal("resellers-api", (await forwarded.ReadEchoAsync()).Service);
        Assert.Equal(Frontend, Assert.Single(forwarded.Headers.GetValues("Access-Control-Allow-Origin")));
        await ProblemAssert.IsProblem(limited, HttpStatusCode.TooManyRequests, "CBC.0250");
        Assert.Equal(Frontend, Assert.Single(limited.Headers.GetValues("Access-Control-Allow-Origin")));
        Assert.Contains("Retry-After", string.Join(',', limited.Headers.GetValues("Access-Control-Expose-Headers")), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task The_frontend_can_read_etag_location_and_retry_after_on_a_services_answer()
    {
        var gateway = await StartWithFrontendAsync();
        using var client = gateway.CreateClient(TestTokens.For(Callers.Partner("partner-headers")), IPAddress.Parse("127.0.0.14"));
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v2/partners/opportunities");
        request.Headers.Add("Origin", Frontend);

        var response = await client.SendAsync(request);

        Assert.Equal("opportunities-api", (await response.ReadEchoAsync()).Service);
        Assert.Equal(Frontend, Assert.Single(response.Headers.GetValues("Access-Control-Allow-Origin")));
        var exposed = string.Join(',', response.Headers.GetValues("Access-Control-Expose-Headers")).Split(',', StringSplitOptions.TrimEntries);
        Assert.Contains("ETag", exposed, StringComparer.OrdinalIgnoreCase);
        Assert.Contains("Location", exposed, StringComparer.OrdinalIgnoreCase);
        Assert.Contains("Retry-After", exposed, StringComparer.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_preflight_for_an_update_with_if_match_from_a_configured_frontend_is_allowed()
    {
        var gateway = await StartWithFrontendAsync();
        using var client = gateway.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Options, "/v2/vendor/partners/p-1/path-stage");
        request.Headers.Add("Origin", Frontend);
        request.Headers.Add("Access-Control-Request-Method", "PUT");
        request.Headers.Add("Access-Control-Request-Headers", "authorization,content-type,if-match");

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(Frontend, Assert.Single(response.Headers.GetValues("Access-Control-Allow-Origin")));
        Assert.Contains("PUT", string.Join(',', response.Headers.GetValues("Access-Control-Allow-Methods")), StringComparison.Ordinal);
        Assert.Contains("if-match", string.Join(',', response.Headers.GetValues("Access-Control-Allow-Headers")), StringComparison.OrdinalIgnoreCase);
        Assert.True(response.Headers.TryGetValues("Access-Control-Max-Age", out var maxAge) && int.Parse(maxAge.Single(), System.Globalization.CultureInfo.InvariantCulture) > 0);
    }
}

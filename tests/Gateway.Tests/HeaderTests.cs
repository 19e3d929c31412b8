using System.Diagnostics;
using System.Net;
using Gateway.Edge;
using Gateway.Tests.Support;
using PartnerPlatform.Testing;

namespace Gateway.Tests;

public sealed class HeaderTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    [Fact]
    public async Task Spoofed_internal_headers_from_a_client_never_reach_a_service()
    {
        using var client = fixture.PartnerClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v2/partners/profile");
        request.Headers.Add("X-Partner-Id", "someone-else");
        request.Headers.Add("X-User-Id", "admin");
        request.Headers.Add("X-Customer-Id", "c-9");
        request.Headers.Add("X-Vendor-Role", "ecosystem_manager");
        request.Headers.Add("X-Caller-Permissions", "coupons.issue");
        request.Headers.Add("X-Internal-Trust", "yes");
        request.Headers.Add("X-Forwarded-For", "203.0.113.9");
        request.Headers.Add("X-Forwarded-Host", "evil.example");
        request.Headers.Add("X-Forwarded-Proto", "https");
        request.Headers.Add("X-Forwarded-Prefix", "/admin");
        request.Headers.Add("Forwarded", "for=203.0.113.9");
        request.Headers.Add("X-Real-IP", "203.0.113.9");
        request.Headers.Add("X-Client-Note", "kept");

        var echo = await (await client.SendAsync(request)).ReadEchoAsync();

        foreach (var name in new[] { "X-Partner-Id", "X-User-Id", "X-Customer-Id", "X-Vendor-Role", "X-Caller-Permissions", "X-Internal-Trust", "X-Forwarded-Prefix", "Forwarded", "X-Real-IP" })
        {
            Assert.False(echo.Headers.ContainsKey(name), $"{name} reached the service");
        }

        // The proxy sets these itself, from the connection it saw.
        Assert.Equal("127.0.0.1", echo.Headers["X-Forwarded-For"]);
        Assert.Equal(fixture.Gateway.Address.Authority, echo.Headers["X-Forwarded-Host"]);
        Assert.Equal("http", echo.Headers["X-Forwarded-Proto"]);
        Assert.Equal("kept", echo.Headers["X-Client-Note"]);
    }

    [Fact]
    public async Task A_64_kb_authorization_header_answers_431_with_a_problem_at_the_edge()
    {
        using var client = fixture.PartnerClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v2/partners/profile");
        request.Headers.Remove("Authorization");
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + new string('a', 64 * 1024));

        await ProblemAssert.IsProblem(await client.SendAsync(request), HttpStatusCode.RequestHeaderFieldsTooLarge, "CBC.0100");
    }

    [Fact]
    public async Task A_16_kb_query_string_answers_414_with_a_problem_at_the_edge()
    {
        using var client = fixture.PartnerClient();

        await ProblemAssert.IsProblem(
            await client.GetAsync("/v2/partners/profile?name=" + new string('a', 16 * 1024)), HttpStatusCode.RequestUriTooLong, "CBC.0100");
    }

    [Theory]
    [InlineData("X-Partner-Id", true)]
    [InlineData("x-partner-id", true)]
    [InlineData("X-Caller-Anything", true)]
    [InlineData("X-Internal-Anything", true)]
    [InlineData("X-Forwarded-Anything", true)]
    [InlineData("Forwarded", true)]
    [InlineData("Authorization", false)]
    [InlineData("X-Request-Id", false)]
    [InlineData("X-Partnership", false)]
    public void The_internal_header_list_decides_what_is_stripped(string header, bool stripped) =>
        Assert.Equal(stripped, InternalHeaders.IsInternal(header));

    [Fact]
    public async Task A_request_without_a_request_id_gets_one_which_the_service_and_the_client_both_see()
    {
        using var client = fixture.PartnerClient();

        var response = await client.GetAsync("/v2/coupons/c-1");
        var echo = await response.ReadEchoAsync();

        var requestId = Assert.Single(response.Headers.GetValues("X-Request-Id"));
        Assert.False(string.IsNullOrWhiteSpace(requestId));
        Assert.Equal(requestId, echo.Headers["X-Request-Id"]);
    }

    [Fact]
    public async Task A_clients_request_id_is_forwarded_and_echoed()
    {
        using var client = fixture.PartnerClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v2/coupons/c-1");
        request.Headers.Add("X-Request-Id", "client-req-42");

        var response = await client.SendAsync(request);
        var echo = await response.ReadEchoAsync();

        Assert.Equal("client-req-42", echo.Headers["X-Request-Id"]);
        Assert.Equal("client-req-42", Assert.Single(response.Headers.GetValues("X-Request-Id")));
    }

    [Fact]
    public async Task A_malformed_request_id_is_replaced()
    {
        using var client = fixture.PartnerClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v2/coupons/c-1");
        request.Headers.TryAddWithoutValidation("X-Request-Id", new string('x', 300));

        var response = await client.SendAsync(request);
        var echo = await response.ReadEchoAsync();

        var requestId = Assert.Single(response.Headers.GetValues("X-Request-Id"));
        Assert.NotEqual(new string('x', 300), requestId);
        Assert.Equal(requestId, echo.Headers["X-Request-Id"]);
    }

    [Fact]
    public async Task An_answer_of_the_gateway_itself_carries_the_request_id_too()
    {
        using var client = fixture.Gateway.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v2/coupons/c-1");
        request.Headers.Add("X-Request-Id", "denied-req-1");

        var response = await client.SendAsync(request);

        await ProblemAssert.IsProblem(response, HttpStatusCode.Unauthorized, "CBC.0154");
        Assert.Equal("denied-req-1", Assert.Single(response.Headers.GetValues("X-Request-Id")));
    }

    [Fact]
    public async Task The_callers_trace_continues_into_the_service()
    {
        using var client = fixture.PartnerClient();
        var traceId = ActivityTraceId.CreateRandom();
        var callerSpan = ActivitySpanId.CreateRandom();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v2/vendor/opportunities/o-1");
        request.Headers.Add("traceparent", $"00-{traceId}-{callerSpan}-01");

        var echo = await (await client.SendAsync(request)).ReadEchoAsync();

        var forwarded = echo.Headers["traceparent"].Split('-');
        Assert.Equal(traceId.ToString(), forwarded[1]);
        Assert.NotEqual(callerSpan.ToString(), forwarded[2]);
    }
}

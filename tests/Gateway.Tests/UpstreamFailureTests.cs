using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Gateway.Tests.Support;
using PartnerPlatform.Testing;

namespace Gateway.Tests;

public sealed class UpstreamFailureTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    [Fact]
    public async Task An_upstream_that_does_not_answer_in_time_is_answered_504_with_a_code()
    {
        var gateway = await fixture.StartGatewayAsync(new Dictionary<string, string?> { ["Gateway:UpstreamTimeout"] = "00:00:00.500" });
        using var client = gateway.CreateClient(TestTokens.For(Callers.Partner("partner-1")));

        var watch = Stopwatch.StartNew();
        var response = await client.GetAsync("/v2/partners/opportunities/o-1?delay_ms=10000");

        await ProblemAssert.IsProblem(response, HttpStatusCode.GatewayTimeout, "GW.0504");
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(8), $"took {watch.Elapsed}");
    }

    [Fact]
    public async Task A_clusters_own_timeout_overrides_the_gateway_default()
    {
        var gateway = await fixture.StartGatewayAsync(new Dictionary<string, string?>
        {
            ["Gateway:UpstreamTimeout"] = "00:00:00.300",
            ["ReverseProxy:Clusters:coupons-api:HttpRequest:ActivityTimeout"] = "00:00:10",
        });
        using var client = gateway.CreateClient(TestTokens.For(Callers.Partner("partner-1")));

        var slowCoupons = await client.GetAsync("/v2/coupons/c-1?delay_ms=800");
        var slowResellers = await client.GetAsync("/v2/partners/distribution/x?delay_ms=800");

        Assert.Equal("coupons-api", (await slowCoupons.ReadEchoAsync()).Service);
        await ProblemAssert.IsProblem(slowResellers, HttpStatusCode.GatewayTimeout, "GW.0504");
    }

    [Fact]
    public async Task An_unreachable_upstream_is_answered_503_with_a_code()
    {
        var gateway = await fixture.StartGatewayAsync(new Dictionary<string, string?>
        {
            ["services:resellers-api:http:0"] = $"http://127.0.0.1:{ClosedPort()}",
        });
        using var client = gateway.CreateClient(TestTokens.For(Callers.Partner("partner-1")));

        var response = await client.GetAsync("/v2/partners/indirect-partners/query");

        var problem = await ProblemAssert.IsProblem(response, HttpStatusCode.ServiceUnavailable, "GW.0503");
        Assert.Contains("resellers-api", problem.GetProperty("error_msg").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_body_declared_larger_than_the_limit_is_answered_413_and_not_forwarded()
    {
        var gateway = await fixture.StartGatewayAsync(new Dictionary<string, string?> { ["Gateway:MaxRequestBodyBytes"] = "1024" });
        using var client = gateway.CreateClient(TestTokens.For(Callers.Partner("partner-1")));
        var before = fixture.Services["identity-api"].Received.Count;

        var response = await client.PostAsync("/v2/partners/sub-customers/too-big", new ByteArrayContent(new byte[4096]));

        await ProblemAssert.IsProblem(response, HttpStatusCode.RequestEntityTooLarge, "GW.0413");
        Assert.DoesNotContain(fixture.Services["identity-api"].Received, r => r.Path.EndsWith("too-big", StringComparison.Ordinal));
        Assert.Equal(before, fixture.Services["identity-api"].Received.Count);
    }

    [Fact]
    public async Task A_chunked_body_crossing_the_limit_is_answered_413()
    {
        var gateway = await fixture.StartGatewayAsync(new Dictionary<string, string?> { ["Gateway:MaxRequestBodyBytes"] = "1024" });
        using var client = gateway.CreateClient(TestTokens.For(Callers.Partner("partner-1")));
        var content = new StreamContent(new MemoryStream(new byte[64 * 1024]));
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v2/partners/sub-customers/chunked") { Content = content };
        request.Headers.TransferEncodingChunked = true;

        var response = await client.SendAsync(request);

        await ProblemAssert.IsProblem(response, HttpStatusCode.RequestEntityTooLarge, "GW.0413");
    }

    [Fact]
    public async Task A_body_at_the_limit_is_forwarded_whole()
    {
        var gateway = await fixture.StartGatewayAsync(new Dictionary<string, string?> { ["Gateway:MaxRequestBodyBytes"] = "1024" });
        using var client = gateway.CreateClient(TestTokens.For(Callers.Partner("partner-1")));

        var echo = await (await client.PostAsync("/v2/partners/sub-customers", new ByteArrayContent(new byte[1024]))).ReadEchoAsync();

        Assert.Equal(1024, echo.BodyLength);
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

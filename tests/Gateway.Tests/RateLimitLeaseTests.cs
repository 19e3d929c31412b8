using System.Globalization;
using System.Net;
using Gateway.Tests.Support;
using PartnerPlatform.Testing;

namespace Gateway.Tests;

/// <summary>
/// Gateways spending high limits from local permit leases (<c>RateLimiting:LeaseSize</c>): a window
/// admits at most the limit plus one lease per instance (docs/adr/0045), and the windows are still
/// the shared ones in Redis.
/// </summary>
public sealed class RateLimitLeaseTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    private const int Limit = 200;
    private const int LeaseSize = 20;

    private static Dictionary<string, string?> LeasedLimits() => new()
    {
        ["RateLimiting:Limit"] = Limit.ToString(CultureInfo.InvariantCulture),
        ["RateLimiting:Window"] = "00:01:00",
        ["RateLimiting:LeaseSize"] = LeaseSize.ToString(CultureInfo.InvariantCulture),
        ["RateLimiting:LeaseMinimumLimit"] = "100",
    };

    [Fact]
    public async Task Two_gateway_instances_with_leases_share_the_limit_and_refuse_past_it_with_CBC_0250()
    {
        var first = await fixture.StartGatewayAsync(LeasedLimits());
        var second = await fixture.StartGatewayAsync(LeasedLimits());
        var token = TestTokens.For(Callers.Partner("partner-leased"));
        using var firstClient = first.CreateClient(token, IPAddress.Parse("127.0.0.31"));
        using var secondClient = second.CreateClient(token, IPAddress.Parse("127.0.0.31"));

        var responses = await Task.WhenAll(Enumerable.Range(0, 2 * Limit).Select(i =>
            (i % 2 == 0 ? firstClient : secondClient).GetAsync($"/v2/coupons/c-{i}")));

        var admitted = responses.Count(r => r.StatusCode == HttpStatusCode.OK);
        Assert.InRange(admitted, Limit - 2 * LeaseSize, Limit + 2 * LeaseSize);
        Assert.Equal(2 * Limit - admitted, responses.Count(r => r.StatusCode == HttpStatusCode.TooManyRequests));
        await ProblemAssert.IsProblem(
            responses.First(r => r.StatusCode == HttpStatusCode.TooManyRequests), HttpStatusCode.TooManyRequests, "CBC.0250");

        // Past the limit, both instances keep refusing: neither holds permits Redis did not grant.
        Assert.Equal(HttpStatusCode.TooManyRequests, (await firstClient.GetAsync("/v2/coupons/after")).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await secondClient.GetAsync("/v2/coupons/after")).StatusCode);
    }
}

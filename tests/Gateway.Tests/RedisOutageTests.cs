using System.Net;
using Gateway.Tests.Support;
using PartnerPlatform.Testing;

namespace Gateway.Tests;

/// <summary>
/// The gateway's Redis stopped and started under it (a server of this class's own): rate limits
/// fail open, so requests keep flowing to the services and none answers 5xx; /health stays 200 with
/// the gateway degraded; the limits hold again once Redis is back, without a restart (docs/adr/0033).
/// </summary>
public sealed class RedisOutageTests(GatewayFixture fixture, DedicatedRedisFixture redis)
    : IClassFixture<GatewayFixture>, IClassFixture<DedicatedRedisFixture>
{
    [Fact]
    public async Task While_redis_is_down_the_gateway_lets_requests_through_and_limits_again_once_it_is_back()
    {
        var gateway = await fixture.StartGatewayAsync(new Dictionary<string, string?>
        {
            ["ConnectionStrings:redis"] = redis.ConnectionString + ",asyncTimeout=1000,connectTimeout=1000",
            ["RateLimiting:Limit"] = "3",
            ["RateLimiting:Window"] = "00:01:00",
        });
        using var client = gateway.CreateClient(TestTokens.For(Callers.Partner("partner-redis-outage")), IPAddress.Parse("127.0.0.21"));
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/v2/partners/profile")).StatusCode);
        }

        await ProblemAssert.IsProblem(await client.GetAsync("/v2/partners/profile"), HttpStatusCode.TooManyRequests, "CBC.0250");

        await redis.StopAsync();

        var during = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => client.GetAsync("/v2/partners/profile")));
        Assert.All(during, response => Assert.Equal(HttpStatusCode.OK, response.StatusCode));
        var health = await client.GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        var gatewayHealth = (await health.ReadJsonAsync()).GetProperty("components").EnumerateArray()
            .Single(c => c.GetProperty("name").GetString() == "gateway");
        Assert.Equal("degraded", gatewayHealth.GetProperty("status").GetString());

        await redis.StartAsync();

        await Eventually.HoldsAsync(
            async () => (await client.GetAsync("/v2/partners/profile")).StatusCode == HttpStatusCode.TooManyRequests,
            TimeSpan.FromSeconds(30),
            "the limit enforced again once Redis is back");
    }
}

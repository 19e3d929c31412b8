using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using PartnerPlatform.ServiceDefaults.Tests.Infrastructure;
using StackExchange.Redis;

namespace PartnerPlatform.ServiceDefaults.Tests;

/// <summary>
/// Redis stopped and started under a running service (a server of this class's own): rate limits
/// fail open, a feature that cannot work without Redis (here a code kept in Redis, as identity-api's
/// verification codes are) fails closed with 503 CBC.0998 and Retry-After, never 500; /health stays
/// 200 and says degraded; everything works again without a restart (docs/adr/0021, 0033).
/// </summary>
public sealed class RedisOutageTests(DedicatedRedisFixture redis) : IClassFixture<DedicatedRedisFixture>, IAsyncLifetime
{
    private SampleHost _host = null!;

    public async Task InitializeAsync() => _host = await SampleHost.StartAsync(
        kestrel: true,
        settings: new Dictionary<string, string?> { ["ConnectionStrings:redis"] = redis.ConnectionString + ",asyncTimeout=1000,connectTimeout=1000" },
        map: app =>
        {
            app.MapGet("/v2/limited", () => TypedResults.Ok()).WithRateLimit(limit: 3, window: TimeSpan.FromMinutes(1)).AllowAnonymous();
            app.MapPost("/v2/codes", async (IConnectionMultiplexer multiplexer) =>
            {
                await multiplexer.GetDatabase().StringSetAsync("code:" + Guid.NewGuid().ToString("N"), "123456", TimeSpan.FromMinutes(5));
                return TypedResults.Ok();
            }).AllowAnonymous();
        });

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task While_redis_is_down_rate_limits_fail_open_redis_features_answer_503_and_both_recover_without_a_restart()
    {
        Assert.Equal(HttpStatusCode.OK, (await _host.Client.PostAsync("/v2/codes", null)).StatusCode);
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await _host.Client.GetAsync("/v2/limited")).StatusCode);
        }

        await ProblemAssert.IsProblem(await _host.Client.GetAsync("/v2/limited"), HttpStatusCode.TooManyRequests, "CBC.0250");

        await redis.StopAsync();

        var limited = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => _host.Client.GetAsync("/v2/limited")));
        Assert.All(limited, response => Assert.Equal(HttpStatusCode.OK, response.StatusCode));
        var codes = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => _host.Client.PostAsync("/v2/codes", null)));
        foreach (var response in codes)
        {
            await ProblemAssert.IsProblem(response, HttpStatusCode.ServiceUnavailable, "CBC.0998");
            Assert.Equal(TimeSpan.FromSeconds(5), response.Headers.RetryAfter?.Delta);
        }

        var health = await _host.Client.GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal("degraded", JsonDocument.Parse(await health.Content.ReadAsStringAsync()).RootElement.GetProperty("status").GetString());

        await redis.StartAsync();

        await Eventually.HoldsAsync(
            async () => (await _host.Client.PostAsync("/v2/codes", null)).StatusCode == HttpStatusCode.OK,
            TimeSpan.FromSeconds(30),
            "a code stored once Redis is back");
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            statuses.Add((await _host.Client.GetAsync("/v2/limited")).StatusCode);
        }

        Assert.Contains(HttpStatusCode.TooManyRequests, statuses);
        Assert.Equal(HttpStatusCode.OK, (await _host.Client.GetAsync("/health")).StatusCode);
    }
}

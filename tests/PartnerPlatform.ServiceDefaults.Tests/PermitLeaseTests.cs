using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace PartnerPlatform.ServiceDefaults.Tests;

/// <summary>
/// Local permit leases (<c>RateLimiting:LeaseSize</c>): each limiter below stands for one instance
/// (its own leases, the shared Redis). A window may admit at most limit + instances × lease size
/// (docs/adr/0045); the windows here are a minute long so none of them slides during a test.
/// </summary>
public sealed class PermitLeaseTests(RedisDatabaseFixture redis) : IClassFixture<RedisDatabaseFixture>, IAsyncLifetime
{
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);
    private ConnectionMultiplexer _client = null!;

    public async Task InitializeAsync() => _client = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString);

    public async Task DisposeAsync() => await _client.DisposeAsync();

    [Fact]
    public async Task With_leases_a_caller_over_the_limit_is_refused_and_told_when_to_retry()
    {
        var limiter = Instance(leaseSize: 100);
        var caller = Caller("10.1.0.1", "partner-over");

        var verdicts = new List<RateLimitVerdict>();
        for (var i = 0; i < 1_300; i++)
        {
            verdicts.Add(await limiter.CheckAsync(caller, "GET /leased", new RateLimitPolicy(1_000, Minute)));
        }

        Assert.Equal(1_000, verdicts.Count(v => v.Allowed));
        Assert.All(verdicts.Skip(1_000), v => Assert.False(v.Allowed));
        Assert.All(verdicts.Skip(1_000), v => Assert.InRange(v.RetryAfter, TimeSpan.FromSeconds(50), Minute));
    }

    [Fact]
    public async Task Leases_take_one_redis_call_per_lease_not_per_request()
    {
        var limiter = Instance(leaseSize: 100);
        var caller = Caller("10.1.0.2", "partner-calls");
        var policy = new RateLimitPolicy(1_000, Minute);

        for (var i = 0; i < 250; i++)
        {
            Assert.True((await limiter.CheckAsync(caller, "GET /counted", policy)).Allowed);
        }

        // Three leases of 100 taken, 50 permits of the third still unspent here but already counted in Redis.
        var database = _client.GetDatabase();
        Assert.Equal(300, await database.SortedSetLengthAsync(RedisRateLimiter.DefaultKeyPrefix + "partner:partner-calls:GET /counted"));
        Assert.Equal(300, await database.SortedSetLengthAsync(RedisRateLimiter.DefaultKeyPrefix + "ip:10.1.0.2:GET /counted"));
    }

    [Fact]
    public async Task Two_instances_with_leases_share_one_limit()
    {
        var (first, second) = (Instance(leaseSize: 50), Instance(leaseSize: 50));
        var policy = new RateLimitPolicy(500, Minute);
        var allowed = 0;
        for (var i = 0; i < 800; i++)
        {
            var instance = i % 2 == 0 ? first : second;
            if ((await instance.CheckAsync(Caller("10.1.0.3", "partner-shared"), "GET /shared", policy)).Allowed)
            {
                allowed++;
            }
        }

        Assert.Equal(500, allowed);
        Assert.False((await first.CheckAsync(Caller("10.1.0.3", "partner-shared"), "GET /shared", policy)).Allowed);
        Assert.False((await second.CheckAsync(Caller("10.1.0.3", "partner-shared"), "GET /shared", policy)).Allowed);
    }

    [Fact]
    public async Task A_race_of_many_requests_on_four_instances_never_admits_more_than_the_limit_plus_four_leases()
    {
        const int limit = 1_000;
        const int leaseSize = 40;
        var instances = Enumerable.Range(0, 4).Select(_ => Instance(leaseSize)).ToArray();
        var policy = new RateLimitPolicy(limit, Minute);

        var verdicts = await Task.WhenAll(Enumerable.Range(0, 4 * limit).Select(i => Task.Run(() =>
            instances[i % 4].CheckAsync(Caller("10.1.0.4", "partner-race"), "GET /race", policy))));

        var admitted = verdicts.Count(v => v.Allowed);
        Assert.InRange(admitted, limit - 4 * leaseSize, limit + 4 * leaseSize);
        // Redis itself never records more than the limit: what each lease took counts there.
        Assert.Equal(limit, await _client.GetDatabase().SortedSetLengthAsync(RedisRateLimiter.DefaultKeyPrefix + "partner:partner-race:GET /race"));
    }

    [Fact]
    public async Task Limits_below_the_lease_minimum_are_still_checked_on_every_request()
    {
        var (first, second) = (Instance(leaseSize: 100), Instance(leaseSize: 100));
        var policy = new RateLimitPolicy(10, Minute);

        var verdicts = await Task.WhenAll(Enumerable.Range(0, 60).Select(i => Task.Run(() =>
            (i % 2 == 0 ? first : second).CheckAsync(Caller("10.1.0.5", "partner-small"), "GET /small", policy))));

        Assert.Equal(10, verdicts.Count(v => v.Allowed));
    }

    [Fact]
    public async Task With_leases_requests_pass_when_redis_cannot_be_reached()
    {
        var options = ConfigurationOptions.Parse("127.0.0.1:1,abortConnect=false,connectTimeout=300,asyncTimeout=300");
        options.BacklogPolicy = BacklogPolicy.FailFast;
        await using var unreachable = await ConnectionMultiplexer.ConnectAsync(options);
        var limiter = Instance(leaseSize: 100, unreachable);
        var policy = new RateLimitPolicy(1_000, Minute);

        var verdicts = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(() =>
            limiter.CheckAsync(Caller("10.1.0.6", "partner-outage"), "GET /outage", policy))));

        Assert.All(verdicts, v => Assert.True(v.Allowed));
    }

    private PlatformRateLimiter Instance(int leaseSize, IConnectionMultiplexer? connection = null) =>
        new(new RedisRateLimiter(connection ?? _client),
            Options.Create(new RateLimitingOptions { LeaseSize = leaseSize, LeaseMinimumLimit = 100 }),
            NullLogger<PlatformRateLimiter>.Instance);

    private static DefaultHttpContext Caller(string ip, string partner)
    {
        var context = new DefaultHttpContext();
        context.Connection.RemoteIpAddress = IPAddress.Parse(ip);
        context.User = new System.Security.Claims.ClaimsPrincipal(new System.Security.Claims.ClaimsIdentity(
            [new System.Security.Claims.Claim(PlatformClaims.PartnerId, partner)], authenticationType: "test"));
        return context;
    }
}

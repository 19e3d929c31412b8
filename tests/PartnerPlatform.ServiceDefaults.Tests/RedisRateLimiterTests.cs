using StackExchange.Redis;

namespace PartnerPlatform.ServiceDefaults.Tests;

public sealed class RedisRateLimiterTests(RedisDatabaseFixture redis) : IClassFixture<RedisDatabaseFixture>, IAsyncLifetime
{
    private ConnectionMultiplexer _client = null!;
    private RedisRateLimiter _limiter = null!;

    public async Task InitializeAsync()
    {
        _client = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString);
        _limiter = new RedisRateLimiter(_client);
    }

    public async Task DisposeAsync() => await _client.DisposeAsync();

    [Fact]
    public async Task Fifty_parallel_acquisitions_with_a_limit_of_ten_allow_exactly_ten()
    {
        var decisions = await Task.WhenAll(Enumerable.Range(0, 50)
            .Select(_ => Task.Run(() => _limiter.TryAcquireAsync("parallel", 10, TimeSpan.FromMinutes(1)))));

        Assert.Equal(10, decisions.Count(d => d.Allowed));
        Assert.Equal(Enumerable.Range(0, 10), decisions.Where(d => d.Allowed).Select(d => d.Remaining).Order());
        Assert.All(decisions.Where(d => !d.Allowed), d => Assert.Equal(0, d.Remaining));
    }

    [Fact]
    public async Task Remaining_counts_down_and_a_denial_says_when_to_retry()
    {
        var window = TimeSpan.FromSeconds(30);

        var first = await _limiter.TryAcquireAsync("countdown", 3, window);
        var second = await _limiter.TryAcquireAsync("countdown", 3, window);
        var third = await _limiter.TryAcquireAsync("countdown", 3, window);
        var denied = await _limiter.TryAcquireAsync("countdown", 3, window);

        Assert.Equal([2, 1, 0], new[] { first.Remaining, second.Remaining, third.Remaining });
        Assert.True(first.Allowed && second.Allowed && third.Allowed);
        Assert.Equal(TimeSpan.Zero, first.RetryAfter);
        Assert.False(denied.Allowed);
        Assert.InRange(denied.RetryAfter, TimeSpan.FromSeconds(20), window);
    }

    [Fact]
    public async Task A_window_that_is_full_refuses_for_all_keys_and_takes_nothing_from_the_others()
    {
        var window = TimeSpan.FromMinutes(1);
        Assert.True((await _limiter.TryAcquireAsync("all:full", 1, window)).Allowed);

        var refused = await _limiter.TryAcquireAllAsync(["all:roomy", "all:full"], 1, window);
        var roomyAlone = await _limiter.TryAcquireAsync("all:roomy", 1, window);

        Assert.False(refused.Allowed);
        Assert.InRange(refused.RetryAfter, TimeSpan.FromSeconds(50), window);
        Assert.True(roomyAlone.Allowed);
        Assert.Equal(0, roomyAlone.Remaining);
    }

    [Fact]
    public async Task Acquiring_several_windows_takes_a_permit_from_each_and_reports_the_smallest_remaining()
    {
        var window = TimeSpan.FromMinutes(1);
        Assert.True((await _limiter.TryAcquireAsync("both:busy", 5, window)).Allowed);
        Assert.True((await _limiter.TryAcquireAsync("both:busy", 5, window)).Allowed);

        var both = await _limiter.TryAcquireAllAsync(["both:idle", "both:busy"], 5, window);

        Assert.True(both.Allowed);
        Assert.Equal(2, both.Remaining);
        Assert.Equal(3, (await _limiter.TryAcquireAsync("both:idle", 5, window)).Remaining);
        Assert.Equal(1, (await _limiter.TryAcquireAsync("both:busy", 5, window)).Remaining);
    }

    [Fact]
    public async Task Permits_free_up_once_the_window_has_passed()
    {
        var window = TimeSpan.FromSeconds(1);
        Assert.True((await _limiter.TryAcquireAsync("sliding", 2, window)).Allowed);
        Assert.True((await _limiter.TryAcquireAsync("sliding", 2, window)).Allowed);
        var denied = await _limiter.TryAcquireAsync("sliding", 2, window);
        Assert.False(denied.Allowed);
        Assert.True(denied.RetryAfter > TimeSpan.Zero);

        // Real server time: the only real wait in these tests.
        await Task.Delay(denied.RetryAfter + TimeSpan.FromMilliseconds(50));

        var again = await _limiter.TryAcquireAsync("sliding", 2, window);
        Assert.True(again.Allowed);
    }

    [Fact]
    public async Task Two_client_instances_share_one_limit()
    {
        await using var otherClient = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString);
        var otherLimiter = new RedisRateLimiter(otherClient);

        var decisions = await Task.WhenAll(Enumerable.Range(0, 40).Select(i => Task.Run(() =>
            (i % 2 == 0 ? _limiter : otherLimiter).TryAcquireAsync("shared", 7, TimeSpan.FromMinutes(1)))));

        Assert.Equal(7, decisions.Count(d => d.Allowed));
    }

    [Fact]
    public async Task Keys_are_limited_independently()
    {
        Assert.True((await _limiter.TryAcquireAsync("tenant-a", 1, TimeSpan.FromMinutes(1))).Allowed);
        Assert.False((await _limiter.TryAcquireAsync("tenant-a", 1, TimeSpan.FromMinutes(1))).Allowed);

        Assert.True((await _limiter.TryAcquireAsync("tenant-b", 1, TimeSpan.FromMinutes(1))).Allowed);
    }

    [Fact]
    public async Task The_window_key_expires_by_itself()
    {
        await _limiter.TryAcquireAsync("expiring", 5, TimeSpan.FromSeconds(20));

        var ttl = await _client.GetDatabase().KeyTimeToLiveAsync(RedisRateLimiter.DefaultKeyPrefix + "expiring");

        Assert.NotNull(ttl);
        Assert.InRange(ttl.Value, TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(20));
    }

    [Fact]
    public async Task Nonsense_limits_are_refused()
    {
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => _limiter.TryAcquireAsync("k", 0, TimeSpan.FromSeconds(1)));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => _limiter.TryAcquireAsync("k", 1, TimeSpan.Zero));
    }
}

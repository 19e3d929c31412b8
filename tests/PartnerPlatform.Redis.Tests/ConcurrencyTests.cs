using PartnerPlatform.Redis.Tests.Support;
using PartnerPlatform.Testing;

namespace PartnerPlatform.Redis.Tests;

public sealed class ConcurrencyTests(RedisDatabaseFixture redis) : IClassFixture<RedisDatabaseFixture>, IAsyncLifetime
{
    private RedisClient _client = null!;

    public Task InitializeAsync()
    {
        _client = new RedisClient(redis.ConnectionString);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _client.DisposeAsync();

    [Fact]
    public async Task A_thousand_parallel_increments_count_exactly_a_thousand()
    {
        var increments = Enumerable.Range(0, 1000)
            .Select(_ => Task.Run(() => _client.IncrementAsync("parallel-counter")))
            .ToArray();

        var results = await Task.WhenAll(increments);

        Assert.Equal("1000", await _client.GetStringAsync("parallel-counter"));
        Assert.Equal(Enumerable.Range(1, 1000).Select(i => (long)i), results.Order());
    }

    [Fact]
    public async Task Parallel_callers_each_get_their_own_reply()
    {
        var callers = Enumerable.Range(0, 2000).Select(i => Task.Run(async () =>
        {
            var value = $"value-{i}-" + new string('x', i % 300);
            await _client.SetStringAsync($"own:{i}", value);
            return (Expected: value, Actual: await _client.GetStringAsync($"own:{i}"));
        })).ToArray();

        foreach (var (expected, actual) in await Task.WhenAll(callers))
        {
            Assert.Equal(expected, actual);
        }
    }

    [Fact]
    public async Task A_cancelled_caller_does_not_take_the_next_callers_reply()
    {
        await _client.SetStringAsync("after-cancel", "mine");
        using var cancel = new CancellationTokenSource();

        // BLPOP blocks the connection server-side, so its reply (nil) is still owed when cancelled.
        var blocked = _client.ExecuteAsync("BLPOP", ["empty-list", "0.3"], cancel.Token);
        var next = _client.GetStringAsync("after-cancel");
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => blocked);
        Assert.Equal("mine", await next);
        Assert.Equal("mine", await _client.GetStringAsync("after-cancel"));
    }

    [Fact]
    public async Task A_caller_that_timed_out_does_not_take_the_next_callers_reply()
    {
        var clock = new ManualTimeProvider();
        var options = RedisOptions.Parse(redis.ConnectionString);
        options.CommandTimeout = TimeSpan.FromSeconds(1);
        await using var impatient = new RedisClient(options, timeProvider: clock);
        await impatient.SetStringAsync("after-timeout", "mine");

        // BLPOP holds the connection for 0.5 s of real time; the test clock declares it timed out at once,
        // so the GET is written while BLPOP's reply is still owed.
        var blocked = impatient.ExecuteAsync("BLPOP", ["empty-list", "0.5"]);
        clock.Advance(TimeSpan.FromSeconds(1.5));
        await Assert.ThrowsAsync<RedisTimeoutException>(() => blocked);
        var next = impatient.GetStringAsync("after-timeout");

        Assert.Equal("mine", await next);
    }

    [Fact]
    public async Task Callers_cancelled_at_random_moments_leave_every_other_reply_in_order()
    {
        var random = new Random(11);
        var callers = Enumerable.Range(0, 1000).Select(i =>
        {
            var cancelAfter = random.Next(4) == 0 ? random.Next(0, 3) : -1;
            return Task.Run(async () =>
            {
                using var cancel = new CancellationTokenSource();
                if (cancelAfter >= 0)
                {
                    cancel.CancelAfter(cancelAfter);
                }

                try
                {
                    await _client.SetStringAsync($"random:{i}", $"v{i}", cancellationToken: cancel.Token);
                    return (i, Value: await _client.GetStringAsync($"random:{i}", cancel.Token));
                }
                catch (OperationCanceledException)
                {
                    return (i, Value: null);
                }
            });
        }).ToArray();

        var results = await Task.WhenAll(callers);

        Assert.All(results.Where(r => r.Value is not null), r => Assert.Equal($"v{r.i}", r.Value));
        Assert.Contains(results, r => r.Value is not null);
        Assert.Equal("PONG", (await _client.ExecuteAsync("PING", [])).AsString());
    }

    [Fact]
    public async Task An_already_cancelled_token_sends_nothing()
    {
        using var cancel = new CancellationTokenSource();
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _client.SetStringAsync("never-sent", "v", cancellationToken: cancel.Token));

        Assert.Null(await _client.GetAsync("never-sent"));
    }
}

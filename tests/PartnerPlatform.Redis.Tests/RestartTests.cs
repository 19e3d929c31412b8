using PartnerPlatform.Redis.Tests.Support;

namespace PartnerPlatform.Redis.Tests;

/// <summary>Uses a redis-server process of its own: the shared server is never stopped.</summary>
public sealed class RestartTests
{
    [Fact]
    public async Task The_client_recovers_when_its_server_is_killed_and_started_again_on_the_same_port()
    {
        await using var server = new DedicatedRedisServer(password: "restart-secret");
        await server.StartAsync();
        var options = RedisOptions.Parse(server.ConnectionString + ",defaultDatabase=5");
        options.ReconnectMaxDelay = TimeSpan.FromMilliseconds(200);
        options.CommandTimeout = TimeSpan.FromSeconds(2);
        await using var client = new RedisClient(options);
        await client.SetStringAsync("before", "restart");

        await server.KillAsync();
        var duringOutage = await Task.WhenAll(Enumerable.Range(0, 50).Select(i => Outcome(client.GetStringAsync($"k{i}"))));
        Assert.All(duringOutage, outcome => Assert.IsType<RedisConnectionException>(outcome));

        await server.StartAsync();
        await RetryUntilAnsweredAsync(client, TimeSpan.FromSeconds(15));

        await client.SetStringAsync("after", "restart");
        Assert.Equal("restart", await client.GetStringAsync("after"));
        Assert.Null(await client.GetStringAsync("before")); // the new process started empty
        var info = (await client.ExecuteAsync("CLIENT INFO", [])).AsString()!;
        Assert.Contains("db=5 ", info, StringComparison.Ordinal); // SELECT was sent again (and AUTH, or nothing would answer)
    }

    [Fact]
    public async Task While_the_server_is_down_connect_attempts_back_off_and_resume_when_the_wait_is_over()
    {
        await using var server = new DedicatedRedisServer(password: "backoff-secret");
        var clock = new ManualTimeProvider();
        var options = RedisOptions.Parse(server.ConnectionString);
        options.ReconnectMinDelay = TimeSpan.FromSeconds(1);
        options.ReconnectMaxDelay = TimeSpan.FromSeconds(10);
        await using var client = new RedisClient(options, timeProvider: clock);

        var refused = await Assert.ThrowsAsync<RedisConnectionException>(() => client.PingAsync());
        Assert.IsType<System.Net.Sockets.SocketException>(refused.InnerException);

        await server.StartAsync();
        var backingOff = await Assert.ThrowsAsync<RedisConnectionException>(() => client.PingAsync());
        Assert.Contains("next attempt in", backingOff.Message, StringComparison.Ordinal);
        Assert.False(client.IsConnected);

        clock.Advance(TimeSpan.FromSeconds(1.3));
        await client.PingAsync();
        Assert.True(client.IsConnected);
    }

    private static async Task<Exception?> Outcome(Task task)
    {
        try
        {
            await task.WaitAsync(TimeSpan.FromSeconds(10));
            return null;
        }
        catch (Exception ex)
        {
            return ex;
        }
    }

    private static async Task RetryUntilAnsweredAsync(RedisClient client, TimeSpan limit)
    {
        var deadline = DateTime.UtcNow + limit;
        while (true)
        {
            try
            {
                await client.PingAsync();
                return;
            }
            catch (RedisConnectionException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(50);
            }
        }
    }
}

using PartnerPlatform.Redis.Tests.Support;

namespace PartnerPlatform.Redis.Tests;

/// <summary>Against a server that accepts connections and never answers; time is driven by the test.</summary>
public sealed class TimeoutTests
{
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task A_command_without_reply_fails_with_a_timeout_once_the_command_timeout_passes()
    {
        await using var server = new SilentServer();
        var clock = new ManualTimeProvider();
        await using var client = new RedisClient(Options(server, commandTimeout: TimeSpan.FromSeconds(2)), timeProvider: clock);
        await client.ConnectAsync().WaitAsync(Guard);

        var get = client.GetAsync("anything");
        clock.Advance(TimeSpan.FromSeconds(1));
        await Task.Delay(50);
        Assert.False(get.IsCompleted);

        clock.Advance(TimeSpan.FromSeconds(1.5));
        var timeout = await Assert.ThrowsAsync<RedisTimeoutException>(() => get.WaitAsync(Guard));

        Assert.Contains("GET", timeout.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_command_timeout_from_the_connection_string_fires_on_the_real_clock()
    {
        await using var server = new SilentServer();
        await using var client = new RedisClient($"{server.ConnectionString},syncTimeout=200");

        await Assert.ThrowsAsync<RedisTimeoutException>(() => client.PingAsync().WaitAsync(Guard));
    }

    [Fact]
    public async Task A_connection_that_stays_silent_while_owing_replies_is_dropped()
    {
        await using var server = new SilentServer();
        var clock = new ManualTimeProvider();
        await using var client = new RedisClient(Options(server, commandTimeout: TimeSpan.FromSeconds(1)), timeProvider: clock);
        await client.ConnectAsync().WaitAsync(Guard);

        // Idle time before the command does not count as silence.
        clock.Advance(TimeSpan.FromMinutes(10));
        var first = client.PingAsync();
        clock.Advance(TimeSpan.FromSeconds(1.5));
        await Assert.ThrowsAsync<RedisTimeoutException>(() => first.WaitAsync(Guard));
        Assert.True(client.IsConnected);

        // Silent for 5 s (the lower bound; three command timeouts would be 3 s) since the ping was sent.
        clock.Advance(TimeSpan.FromSeconds(3));
        Assert.True(client.IsConnected);
        clock.Advance(TimeSpan.FromSeconds(1));

        Assert.False(client.IsConnected);
    }

    [Fact]
    public async Task A_handshake_without_answer_fails_with_a_connection_error_after_the_connect_timeout()
    {
        await using var server = new SilentServer();
        var clock = new ManualTimeProvider();
        var options = Options(server, commandTimeout: TimeSpan.FromSeconds(30));
        options.Password = "secret";
        options.ConnectTimeout = TimeSpan.FromSeconds(3);
        await using var client = new RedisClient(options, timeProvider: clock);

        var ping = client.PingAsync();
        await server.FirstAccepted.WaitAsync(Guard);
        await Task.Delay(50);
        clock.Advance(TimeSpan.FromSeconds(3.5));

        var error = await Assert.ThrowsAsync<RedisConnectionException>(() => ping.WaitAsync(Guard));
        Assert.Contains("within 3000 ms", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancelling_a_command_without_reply_returns_at_once()
    {
        await using var server = new SilentServer();
        var clock = new ManualTimeProvider();
        await using var client = new RedisClient(Options(server, commandTimeout: TimeSpan.FromSeconds(30)), timeProvider: clock);
        await client.ConnectAsync().WaitAsync(Guard);
        using var cancel = new CancellationTokenSource();

        var get = client.GetAsync("anything", cancel.Token);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => get.WaitAsync(Guard));
    }

    [Fact]
    public async Task Disposing_the_client_fails_the_commands_still_waiting()
    {
        await using var server = new SilentServer();
        var client = new RedisClient(Options(server, commandTimeout: TimeSpan.FromSeconds(30)), timeProvider: new ManualTimeProvider());
        await client.ConnectAsync().WaitAsync(Guard);

        var get = client.GetAsync("anything");
        await client.DisposeAsync();

        await Assert.ThrowsAsync<RedisConnectionException>(() => get.WaitAsync(Guard));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => client.GetAsync("anything"));
    }

    [Fact]
    public async Task Disposing_the_client_while_it_connects_ends_the_attempt()
    {
        await using var server = new SilentServer();
        var options = Options(server, commandTimeout: TimeSpan.FromSeconds(30));
        options.Password = "secret";
        var client = new RedisClient(options, timeProvider: new ManualTimeProvider());

        var ping = client.PingAsync();
        await server.FirstAccepted.WaitAsync(Guard);
        await client.DisposeAsync();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => ping.WaitAsync(Guard));
        Assert.False(client.IsConnected);
    }

    private static RedisOptions Options(SilentServer server, TimeSpan commandTimeout)
    {
        var options = RedisOptions.Parse(server.ConnectionString);
        options.CommandTimeout = commandTimeout;
        return options;
    }
}

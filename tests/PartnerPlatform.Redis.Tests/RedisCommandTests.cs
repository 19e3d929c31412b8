using System.Text;
using PartnerPlatform.Testing;

namespace PartnerPlatform.Redis.Tests;

public sealed class RedisCommandTests(RedisDatabaseFixture redis) : IClassFixture<RedisDatabaseFixture>, IAsyncLifetime
{
    private RedisClient _client = null!;

    public Task InitializeAsync()
    {
        _client = new RedisClient(redis.ConnectionString);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _client.DisposeAsync();

    [Fact]
    public async Task Ping_answers_with_a_round_trip_time()
    {
        var roundTrip = await _client.PingAsync();

        Assert.True(roundTrip > TimeSpan.Zero);
        Assert.True(_client.IsConnected);
    }

    [Fact]
    public async Task A_value_holding_all_256_byte_values_comes_back_unchanged()
    {
        var value = Enumerable.Range(0, 256).Select(i => (byte)i).Concat(Enumerable.Range(0, 256).Select(i => (byte)(255 - i))).ToArray();

        Assert.True(await _client.SetAsync("binary", value));

        Assert.Equal(value, await _client.GetAsync("binary"));
    }

    [Fact]
    public async Task Keys_and_values_with_embedded_line_breaks_and_unicode_round_trip()
    {
        const string key = "line\r\nbreak key ✓";
        const string value = "first\r\n$5\r\n*2\r\nsecond ✓";

        await _client.SetStringAsync(key, value);

        Assert.Equal(value, await _client.GetStringAsync(key));
        Assert.Equal(Encoding.UTF8.GetBytes(value), await _client.GetAsync(key));
    }

    [Fact]
    public async Task A_large_value_round_trips()
    {
        var value = new byte[3 * 1024 * 1024];
        new Random(7).NextBytes(value);

        await _client.SetAsync("large", value);

        Assert.Equal(value, await _client.GetAsync("large"));
    }

    [Fact]
    public async Task Empty_and_missing_values_are_told_apart()
    {
        await _client.SetStringAsync("empty", "");

        Assert.Equal("", await _client.GetStringAsync("empty"));
        Assert.Equal(Array.Empty<byte>(), await _client.GetAsync("empty"));
        Assert.Null(await _client.GetAsync("missing"));
        Assert.Null(await _client.GetStringAsync("missing"));
    }

    [Fact]
    public async Task Set_if_not_exists_only_sets_the_first_time()
    {
        Assert.True(await _client.SetStringAsync("nx", "first", condition: SetCondition.IfNotExists));
        Assert.False(await _client.SetStringAsync("nx", "second", condition: SetCondition.IfNotExists));

        Assert.Equal("first", await _client.GetStringAsync("nx"));
    }

    [Fact]
    public async Task Set_if_exists_only_overwrites_an_existing_key()
    {
        Assert.False(await _client.SetStringAsync("xx", "ghost", condition: SetCondition.IfExists));
        Assert.Null(await _client.GetStringAsync("xx"));

        await _client.SetStringAsync("xx", "first");
        Assert.True(await _client.SetStringAsync("xx", "second", condition: SetCondition.IfExists));
        Assert.Equal("second", await _client.GetStringAsync("xx"));
    }

    [Fact]
    public async Task Set_with_expiry_gives_the_key_a_time_to_live()
    {
        await _client.SetStringAsync("ttl:set", "v", TimeSpan.FromSeconds(30));

        var ttl = await _client.TimeToLiveAsync("ttl:set");

        Assert.NotNull(ttl);
        Assert.InRange(ttl.Value, TimeSpan.FromSeconds(25), TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task Expire_in_seconds_and_milliseconds_sets_the_time_to_live()
    {
        await _client.SetStringAsync("ttl:s", "v");
        await _client.SetStringAsync("ttl:ms", "v");

        Assert.True(await _client.ExpireAsync("ttl:s", TimeSpan.FromSeconds(100)));
        Assert.True(await _client.ExpireAsync("ttl:ms", TimeSpan.FromMilliseconds(40_900)));

        Assert.InRange((await _client.TimeToLiveAsync("ttl:s"))!.Value, TimeSpan.FromSeconds(95), TimeSpan.FromSeconds(100));
        // Above 40 s: the milliseconds were not rounded away.
        Assert.InRange((await _client.TimeToLiveAsync("ttl:ms"))!.Value, TimeSpan.FromSeconds(40), TimeSpan.FromMilliseconds(40_900));
    }

    [Fact]
    public async Task Time_to_live_is_null_without_expiry_or_key_and_expire_reports_a_missing_key()
    {
        await _client.SetStringAsync("ttl:none", "v");

        Assert.Null(await _client.TimeToLiveAsync("ttl:none"));
        Assert.Null(await _client.TimeToLiveAsync("ttl:missing"));
        Assert.False(await _client.ExpireAsync("ttl:missing", TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public async Task A_key_set_with_a_short_expiry_disappears()
    {
        await _client.SetStringAsync("short", "v", TimeSpan.FromMilliseconds(30));
        await Task.Delay(100);

        Assert.Null(await _client.GetAsync("short"));
    }

    [Fact]
    public async Task Delete_counts_the_keys_it_removed()
    {
        await _client.SetStringAsync("del:a", "1");
        await _client.SetStringAsync("del:b", "2");

        Assert.Equal(2, await _client.DeleteAsync(["del:a", "del:b", "del:missing"]));
        Assert.Equal(0, await _client.DeleteAsync(["del:a"]));
        Assert.Equal(0, await _client.DeleteAsync([]));
        Assert.Null(await _client.GetAsync("del:a"));
    }

    [Fact]
    public async Task Increment_by_one_and_by_any_amount_returns_the_new_value()
    {
        Assert.Equal(1, await _client.IncrementAsync("counter"));
        Assert.Equal(11, await _client.IncrementAsync("counter", 10));
        Assert.Equal(-9, await _client.IncrementAsync("counter", -20));
        Assert.Equal("-9", await _client.GetStringAsync("counter"));
    }

    [Fact]
    public async Task A_server_error_reply_is_a_typed_exception_with_its_prefix()
    {
        await _client.SetStringAsync("not-a-number", "abc");
        await _client.ExecuteAsync("HSET", ["a-hash", "field", "value"]);

        var notInteger = await Assert.ThrowsAsync<RedisServerException>(() => _client.IncrementAsync("not-a-number"));
        var wrongType = await Assert.ThrowsAsync<RedisServerException>(() => _client.GetAsync("a-hash"));
        var unknown = await Assert.ThrowsAsync<RedisServerException>(() => _client.ExecuteAsync("NOSUCHCOMMAND", []));

        Assert.Equal("ERR", notInteger.Prefix);
        Assert.Contains("not an integer", notInteger.ServerMessage, StringComparison.Ordinal);
        Assert.Equal("WRONGTYPE", wrongType.Prefix);
        Assert.Equal("ERR", unknown.Prefix);
        Assert.Equal("OK", (await _client.ExecuteAsync("SET", ["after-errors", "fine"])).AsString());
    }

    [Fact]
    public async Task Execute_sends_any_command_with_text_binary_and_number_arguments()
    {
        byte[] binary = [0, 13, 10, 255];

        Assert.Equal(3, (await _client.ExecuteAsync("HSET", ["raw-hash", "text", "v", "bytes", binary, "number", 12.5])).AsInt64());
        var all = (await _client.ExecuteAsync("HGETALL", ["raw-hash"])).AsArray()!;
        var fields = Enumerable.Range(0, all.Count / 2).ToDictionary(i => all[2 * i].AsString()!, i => all[(2 * i) + 1].AsBytes()!);

        Assert.Equal("v"u8.ToArray(), fields["text"]);
        Assert.Equal(binary, fields["bytes"]);
        Assert.Equal("12.5", Encoding.UTF8.GetString(fields["number"]));
        Assert.Equal("PONG", (await _client.ExecuteAsync("PING", [])).AsString());
    }

    [Fact]
    public async Task Execute_refuses_argument_types_it_cannot_send()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => _client.ExecuteAsync("SET", ["k", DateTime.UtcNow]));

        Assert.Equal("PONG", (await _client.ExecuteAsync("PING", [])).AsString());
    }

    [Fact]
    public async Task A_script_runs_with_keys_and_arguments()
    {
        var script = new RedisScript("redis.call('SET', KEYS[1], ARGV[1]); return {redis.call('GET', KEYS[1]), tonumber(ARGV[2]) * 2}");

        var reply = await _client.EvaluateAsync(script, ["script:key"], ["stored", "21"]);

        Assert.Equal("stored", reply[0].AsString());
        Assert.Equal(42, reply[1].AsInt64());
    }

    [Fact]
    public async Task A_script_runs_again_after_the_server_forgot_it()
    {
        var script = new RedisScript("return 'script-cache-" + Guid.NewGuid().ToString("N") + "'");
        Assert.StartsWith("script-cache-", (await _client.EvaluateAsync(script, [], [])).AsString(), StringComparison.Ordinal);
        var cached = await _client.ExecuteAsync("SCRIPT EXISTS", [script.Sha1]);
        Assert.Equal(1, cached[0].AsInt64());

        await _client.ExecuteAsync("SCRIPT FLUSH", []);
        Assert.Equal(0, (await _client.ExecuteAsync("SCRIPT EXISTS", [script.Sha1]))[0].AsInt64());

        Assert.StartsWith("script-cache-", (await _client.EvaluateAsync(script, [], [])).AsString(), StringComparison.Ordinal);
        Assert.Equal(1, (await _client.ExecuteAsync("SCRIPT EXISTS", [script.Sha1]))[0].AsInt64());
    }

    [Fact]
    public async Task A_failing_script_is_a_typed_server_error()
    {
        var script = new RedisScript("return redis.error_reply('LIMIT too many')");

        var error = await Assert.ThrowsAsync<RedisServerException>(() => _client.EvaluateAsync(script, [], []));

        Assert.Equal("LIMIT", error.Prefix);
    }
}

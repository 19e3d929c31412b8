using PartnerPlatform.Testing;

namespace PartnerPlatform.Redis.Tests;

public sealed class ConnectionTests(RedisDatabaseFixture redis) : IClassFixture<RedisDatabaseFixture>
{
    [Fact]
    public async Task A_wrong_password_fails_with_a_typed_authentication_error()
    {
        var options = RedisOptions.Parse(redis.ConnectionString);
        options.Password = "not-the-password";
        await using var client = new RedisClient(options);

        var error = await Assert.ThrowsAsync<RedisAuthenticationException>(() => client.PingAsync());

        Assert.Equal("WRONGPASS", error.Prefix);
        Assert.IsType<RedisServerException>(error.InnerException);
    }

    [Fact]
    public async Task Without_a_password_commands_are_refused_with_a_typed_error()
    {
        var options = RedisOptions.Parse(redis.ConnectionString);
        options.Password = null;
        options.Database = 0;
        await using var client = new RedisClient(options);

        var error = await Assert.ThrowsAsync<RedisServerException>(() => client.GetAsync("anything"));

        Assert.Equal("NOAUTH", error.Prefix);
    }

    [Fact]
    public async Task A_database_the_server_does_not_have_fails_with_a_connection_error()
    {
        var options = RedisOptions.Parse(redis.ConnectionString);
        options.Database = 100_000;
        await using var client = new RedisClient(options);

        var error = await Assert.ThrowsAsync<RedisConnectionException>(() => client.PingAsync());

        Assert.Equal("ERR", Assert.IsType<RedisServerException>(error.InnerException).Prefix);
        Assert.False(client.IsConnected);
    }

    [Fact]
    public async Task Clients_on_different_databases_do_not_see_each_others_keys()
    {
        var other = new RedisDatabaseFixture();
        await other.InitializeAsync();
        try
        {
            await using var mine = new RedisClient(redis.ConnectionString);
            await using var theirs = new RedisClient(other.ConnectionString);

            await mine.SetStringAsync("shared-name", "mine");
            await theirs.SetStringAsync("shared-name", "theirs");
            await mine.SetStringAsync("only-mine", "x");

            Assert.NotEqual(redis.Database, other.Database);
            Assert.Equal("mine", await mine.GetStringAsync("shared-name"));
            Assert.Equal("theirs", await theirs.GetStringAsync("shared-name"));
            Assert.Null(await theirs.GetAsync("only-mine"));
            Assert.Equal("mine", await redis.SendAsync("GET", "shared-name"));
            Assert.Equal("theirs", await other.SendAsync("GET", "shared-name"));
        }
        finally
        {
            await other.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_client_name_from_the_connection_string_is_announced()
    {
        await using var client = new RedisClient(redis.ConnectionString + ",name=gateway-test");

        var info = (await client.ExecuteAsync("CLIENT INFO", [])).AsString()!;

        Assert.Contains("name=gateway-test ", info, StringComparison.Ordinal);
        Assert.Contains($"db={redis.Database} ", info, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_connection_killed_by_the_server_fails_what_it_owed_and_is_replaced_on_the_next_command()
    {
        await using var client = new RedisClient(redis.ConnectionString);
        var firstId = (await client.ExecuteAsync("CLIENT ID", [])).AsInt64();
        var owed = client.ExecuteAsync("BLPOP", ["nothing-here", "3"]);

        await redis.SendAsync("CLIENT", "KILL", "ID", firstId.ToString(System.Globalization.CultureInfo.InvariantCulture));

        await Assert.ThrowsAsync<RedisConnectionException>(() => owed.WaitAsync(TimeSpan.FromSeconds(2)));
        Assert.False(client.IsConnected);
        var secondId = (await client.ExecuteAsync("CLIENT ID", [])).AsInt64();
        Assert.NotEqual(firstId, secondId);
        await client.SetStringAsync("after-kill", "selected again");
        Assert.Equal("selected again", await redis.SendAsync("GET", "after-kill"));
    }

    [Fact]
    public async Task Nothing_connects_before_the_first_command()
    {
        await using var client = new RedisClient(redis.ConnectionString);

        Assert.False(client.IsConnected);
        await client.PingAsync();
        Assert.True(client.IsConnected);
    }
}

using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using PartnerPlatform.Testing;

namespace PartnerPlatform.Redis.Tests;

public sealed class ServiceRegistrationTests(RedisDatabaseFixture redis) : IClassFixture<RedisDatabaseFixture>
{
    [Fact]
    public async Task The_registered_client_is_one_shared_instance_and_the_limiter_uses_it()
    {
        await using var provider = new ServiceCollection().AddRedisClient(redis.ConnectionString).BuildServiceProvider();

        var client = provider.GetRequiredService<IRedisClient>();
        Assert.Same(client, provider.GetRequiredService<IRedisClient>());
        await client.SetStringAsync("registered", "yes");
        var decision = await provider.GetRequiredService<IRateLimiter>().TryAcquireAsync("registered-limit", 1, TimeSpan.FromSeconds(10));

        Assert.Equal("yes", await redis.SendAsync("GET", "registered"));
        Assert.True(decision.Allowed);
    }

    [Fact]
    public async Task Resolving_the_client_does_not_connect()
    {
        var unusedPort = UnusedPort();
        await using var provider = new ServiceCollection().AddRedisClient($"127.0.0.1:{unusedPort}").BuildServiceProvider();

        var client = provider.GetRequiredService<IRedisClient>();

        await Assert.ThrowsAsync<RedisConnectionException>(() => client.PingAsync());
    }

    [Fact]
    public void A_malformed_connection_string_fails_at_registration() =>
        Assert.Throws<FormatException>(() => new ServiceCollection().AddRedisClient("localhost:6379,defaultDatabase=x"));

    private static int UnusedPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}

using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace PartnerPlatform.ServiceDefaults.Tests;

public sealed class RedisRegistrationTests(RedisDatabaseFixture redis) : IClassFixture<RedisDatabaseFixture>
{
    [Fact]
    public async Task The_process_has_one_multiplexer_on_the_configured_database_and_the_limiter_uses_it()
    {
        await using var app = Build(redis.ConnectionString);

        var multiplexer = app.Services.GetRequiredService<IConnectionMultiplexer>();
        Assert.Same(multiplexer, app.Services.GetRequiredService<IConnectionMultiplexer>());
        await multiplexer.GetDatabase().StringSetAsync("registered", "yes");
        var decision = await app.Services.GetRequiredService<RedisRateLimiter>().TryAcquireAsync("registered-limit", 1, TimeSpan.FromSeconds(10));

        Assert.Equal("yes", await redis.SendAsync("GET", "registered"));
        Assert.True(decision.Allowed);
        Assert.Equal("1", await redis.SendAsync("ZCARD", RedisRateLimiter.DefaultKeyPrefix + "registered-limit"));
    }

    [Fact]
    public async Task While_redis_is_unreachable_a_command_fails_at_once_instead_of_waiting_in_a_backlog()
    {
        await using var app = Build("127.0.0.1:1,connectTimeout=200,asyncTimeout=5000");
        var limiter = app.Services.GetRequiredService<RedisRateLimiter>();

        var watch = System.Diagnostics.Stopwatch.StartNew();
        await Assert.ThrowsAsync<RedisConnectionException>(() => limiter.TryAcquireAsync("unreachable", 1, TimeSpan.FromSeconds(1)));

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2), $"the command waited {watch.Elapsed}");
    }

    [Fact]
    public async Task Without_a_connection_string_nothing_of_redis_is_registered()
    {
        await using var app = Build(null);

        Assert.Null(app.Services.GetService<IConnectionMultiplexer>());
        Assert.Null(app.Services.GetService<PlatformRateLimiter>());
    }

    private static WebApplication Build(string? connectionString)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:redis"] = connectionString });
        builder.AddServiceDefaults();
        return builder.Build();
    }
}

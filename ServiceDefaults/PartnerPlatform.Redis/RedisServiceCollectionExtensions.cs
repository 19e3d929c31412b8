using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace PartnerPlatform.Redis;

public static class RedisServiceCollectionExtensions
{
    /// <summary>
    /// Registers a singleton <see cref="IRedisClient"/> (connects on first use) and a singleton
    /// <see cref="IRateLimiter"/> over it. The connection string is parsed now, so a malformed one fails at start-up.
    /// </summary>
    public static IServiceCollection AddRedisClient(this IServiceCollection services, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = RedisOptions.Parse(connectionString);
        return services.AddRedisClient(_ => options);
    }

    /// <summary>
    /// Same, with the options built when the client is first resolved, e.g. from configuration:
    /// <c>services.AddRedisClient(sp => RedisOptions.Parse(sp.GetRequiredService&lt;IConfiguration&gt;().GetConnectionString("redis")!))</c>.
    /// </summary>
    public static IServiceCollection AddRedisClient(this IServiceCollection services, Func<IServiceProvider, RedisOptions> options)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(options);
        services.TryAddSingleton<IRedisClient>(sp => new RedisClient(
            options(sp),
            sp.GetService<ILogger<RedisClient>>(),
            sp.GetService<TimeProvider>()));
        services.TryAddSingleton<IRateLimiter>(sp => new RedisRateLimiter(sp.GetRequiredService<IRedisClient>()));
        return services;
    }
}

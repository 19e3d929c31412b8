using Microsoft.Extensions.Diagnostics.HealthChecks;
using StackExchange.Redis;

namespace PartnerPlatform.ServiceDefaults;

/// <summary>Readiness of the shared Redis: a PING through the process's one multiplexer.</summary>
internal sealed class RedisHealthCheck(IConnectionMultiplexer redis) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        await redis.GetDatabase().PingAsync().WaitAsync(cancellationToken);
        return HealthCheckResult.Healthy();
    }
}

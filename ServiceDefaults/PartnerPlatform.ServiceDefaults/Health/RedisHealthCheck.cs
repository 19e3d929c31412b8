using Microsoft.Extensions.Diagnostics.HealthChecks;
using PartnerPlatform.Redis;

namespace PartnerPlatform.ServiceDefaults;

internal sealed class RedisHealthCheck(IRedisClient redis) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        await redis.PingAsync(cancellationToken).WaitAsync(cancellationToken);
        return HealthCheckResult.Healthy();
    }
}

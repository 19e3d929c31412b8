using MassTransit;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace PartnerPlatform.Messaging;

/// <summary>
/// The one health check of the event bus: healthy when the bus is connected to RabbitMQ and every
/// receive endpoint is consuming; otherwise the registration's failure status (degraded: requests
/// go on while the outbox keeps their events). The detail counts the receive endpoints and how many
/// consume; endpoint addresses are not published (they name the broker's host).
/// Replaces MassTransit's own bus check.
/// </summary>
internal sealed class EventBusHealthCheck(IBusControl bus) : IHealthCheck
{
    public const string Name = "eventbus";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var health = bus.CheckHealth();
        var data = new Dictionary<string, object>
        {
            ["bus"] = health.Status.ToString().ToLowerInvariant(),
            ["receive_endpoints"] = health.Endpoints.Count,
            ["receive_endpoints_healthy"] = health.Endpoints.Count(e => e.Value.Status == BusHealthStatus.Healthy),
        };
        var result = health.Status == BusHealthStatus.Healthy
            ? HealthCheckResult.Healthy(health.Description, data)
            : new HealthCheckResult(context.Registration.FailureStatus, health.Description, health.Exception, data);
        return Task.FromResult(result);
    }
}

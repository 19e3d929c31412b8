using MassTransit;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace PartnerPlatform.Messaging;

/// <summary>
/// The one health check of the event bus: healthy when the bus is connected to RabbitMQ and every
/// receive endpoint is consuming. MassTransit calls a bus with a failed endpoint "degraded" (its
/// own bus endpoint may still look fine while the broker is gone); a service that cannot consume
/// its events is not ready, so anything short of healthy reports the registration's failure status.
/// Replaces MassTransit's own bus check.
/// </summary>
internal sealed class EventBusHealthCheck(IBusControl bus) : IHealthCheck
{
    public const string Name = "eventbus";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var health = bus.CheckHealth();
        var data = health.Endpoints.ToDictionary(
            endpoint => endpoint.Key,
            endpoint => (object)endpoint.Value.Status.ToString());
        var result = health.Status == BusHealthStatus.Healthy
            ? HealthCheckResult.Healthy(health.Description, data)
            : new HealthCheckResult(context.Registration.FailureStatus, health.Description, health.Exception, data);
        return Task.FromResult(result);
    }
}

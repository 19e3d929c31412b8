using MassTransit;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace PartnerPlatform.Messaging;

/// <summary>
/// The one health check of the event bus: healthy when the bus is connected to RabbitMQ and its
/// receive endpoints are consuming. Replaces MassTransit's own bus check.
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
        var result = health.Status switch
        {
            BusHealthStatus.Healthy => HealthCheckResult.Healthy(health.Description, data),
            BusHealthStatus.Degraded => HealthCheckResult.Degraded(health.Description, health.Exception, data),
            _ => new HealthCheckResult(context.Registration.FailureStatus, health.Description, health.Exception, data),
        };
        return Task.FromResult(result);
    }
}

using System.Text.Json;
using Gateway.Downstream;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using PartnerPlatform.ServiceDefaults;

namespace Gateway.Apis;

/// <summary>
/// <c>/alive</c>: the gateway process answers. <c>/health</c>: every downstream <c>/health</c>,
/// called at once with a timeout each, plus the gateway's own readiness checks. Overall status:
/// <c>healthy</c> when all are, <c>unhealthy</c> (503) when no service is healthy, else
/// <c>degraded</c> (200) — one service down must not take the gateway out of rotation.
/// </summary>
public static class HealthApi
{
    public const string GatewayComponent = "gateway";

    public static IEndpointRouteBuilder MapHealthApi(this IEndpointRouteBuilder app)
    {
        app.MapGet(PlatformHealthChecks.AlivePath, () => TypedResults.Ok(new AliveResponse("healthy")))
            .WithName("GetGatewayAlive")
            .WithSummary("The gateway process answers")
            .WithTags("Health");

        app.MapGet(PlatformHealthChecks.HealthPath, GetHealthAsync)
            .WithName("GetPlatformHealth")
            .WithSummary("Health of every service behind the gateway")
            .WithTags("Health");
        return app;
    }

    private static async Task<IResult> GetHealthAsync(
        DownstreamServices services, HealthCheckService gatewayChecks, HttpContext context, CancellationToken cancellationToken)
    {
        context.Response.Headers.CacheControl = "no-store";
        var gateway = gatewayChecks.CheckHealthAsync(c => c.Tags.Contains(PlatformHealthChecks.ReadyTag), cancellationToken);
        var replies = await services.GetFromAllAsync(PlatformHealthChecks.HealthPath, cancellationToken);
        var gatewayReport = await gateway;

        var components = replies.Select(ToComponent).ToList();
        var gatewayStatus = gatewayReport.Status switch
        {
            HealthStatus.Healthy => "healthy",
            HealthStatus.Degraded => "degraded",
            _ => "unhealthy",
        };
        var all = components.Append(new ComponentHealth(GatewayComponent, gatewayStatus, null, null, Math.Round(gatewayReport.TotalDuration.TotalMilliseconds, 1))).ToList();

        var status = all.All(c => c.Status == "healthy") ? "healthy"
            : components.Any(c => c.Status != "unhealthy") ? "degraded"
            : "unhealthy";
        return TypedResults.Json(
            new PlatformHealth(status, all),
            statusCode: status == "unhealthy" ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status200OK);
    }

    private static ComponentHealth ToComponent(DownstreamReply reply)
    {
        var duration = Math.Round(reply.Duration.TotalMilliseconds, 1);
        return reply.Outcome switch
        {
            DownstreamOutcome.Answered => new ComponentHealth(reply.Service, ReportedStatus(reply), reply.StatusCode, null, duration),
            DownstreamOutcome.TimedOut => new ComponentHealth(reply.Service, "unhealthy", null, "timeout", duration),
            DownstreamOutcome.NotConfigured => new ComponentHealth(reply.Service, "unhealthy", null, "not_configured", duration),
            _ => new ComponentHealth(reply.Service, "unhealthy", null, "unreachable", duration),
        };
    }

    /// <summary>The status the service's own /health reports; a 2xx without one counts as healthy.</summary>
    private static string ReportedStatus(DownstreamReply reply)
    {
        try
        {
            using var document = JsonDocument.Parse(reply.Body ?? "");
            if (document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("status", out var status)
                && status.GetString() is "healthy" or "degraded" or "unhealthy")
            {
                return status.GetString()!;
            }
        }
        catch (JsonException)
        {
        }

        return reply.StatusCode is >= 200 and < 300 ? "healthy" : "unhealthy";
    }

    public sealed record AliveResponse(string Status);

    public sealed record PlatformHealth(string Status, IReadOnlyList<ComponentHealth> Components);

    /// <summary><paramref name="Reason"/>: <c>timeout</c>, <c>unreachable</c> or <c>not_configured</c> when the call failed.</summary>
    public sealed record ComponentHealth(string Name, string Status, int? HttpStatus, string? Reason, double DurationMs);
}

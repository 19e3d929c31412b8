using System.Text.Json;
using Gateway.Downstream;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using PartnerPlatform.ServiceDefaults;

namespace Gateway.Apis;

/// <summary>
/// <c>/alive</c>: the gateway process answers. <c>/health</c>: every downstream <c>/health</c>,
/// called at once with a timeout each, plus the gateway's own readiness checks. Overall status:
/// <c>healthy</c> when all are, <c>unhealthy</c> (503) when no service answers healthy or degraded,
/// else <c>degraded</c> (200) — one service down must not take the gateway out of rotation. Each
/// service's own checks (names, statuses, figures) are passed on as its <c>checks</c>.
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
        var all = components.Append(new ComponentHealth(GatewayComponent, gatewayStatus, null, null, Math.Round(gatewayReport.TotalDuration.TotalMilliseconds, 1), null)).ToList();

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
            DownstreamOutcome.Answered => Answered(reply, duration),
            DownstreamOutcome.TimedOut => new ComponentHealth(reply.Service, "unhealthy", null, "timeout", duration, null),
            DownstreamOutcome.NotConfigured => new ComponentHealth(reply.Service, "unhealthy", null, "not_configured", duration, null),
            _ => new ComponentHealth(reply.Service, "unhealthy", null, "unreachable", duration, null),
        };
    }

    /// <summary>The status and checks the service's own /health reports; a 2xx without a status counts as healthy.</summary>
    private static ComponentHealth Answered(DownstreamReply reply, double duration)
    {
        var fallback = reply.StatusCode is >= 200 and < 300 ? "healthy" : "unhealthy";
        try
        {
            using var document = JsonDocument.Parse(reply.Body ?? "");
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return new ComponentHealth(reply.Service, fallback, reply.StatusCode, null, duration, null);
            }

            var status = root.TryGetProperty("status", out var reported) && reported.ValueKind == JsonValueKind.String
                && reported.GetString() is "healthy" or "degraded" or "unhealthy"
                    ? reported.GetString()!
                    : fallback;
            JsonElement? checks = root.TryGetProperty("checks", out var list) && list.ValueKind == JsonValueKind.Array ? list.Clone() : null;
            return new ComponentHealth(reply.Service, status, reply.StatusCode, null, duration, checks);
        }
        catch (JsonException)
        {
            return new ComponentHealth(reply.Service, fallback, reply.StatusCode, null, duration, null);
        }
    }

    public sealed record AliveResponse(string Status);

    public sealed record PlatformHealth(string Status, IReadOnlyList<ComponentHealth> Components);

    /// <summary>
    /// <paramref name="Reason"/>: <c>timeout</c>, <c>unreachable</c> or <c>not_configured</c> when the call failed;
    /// <paramref name="Checks"/>: the service's own checks as it reported them.
    /// </summary>
    public sealed record ComponentHealth(string Name, string Status, int? HttpStatus, string? Reason, double DurationMs, JsonElement? Checks);
}

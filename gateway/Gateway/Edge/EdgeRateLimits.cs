using System.Globalization;
using Microsoft.Extensions.Options;
using PartnerPlatform.Redis;
using PartnerPlatform.ServiceDefaults;
using Yarp.ReverseProxy.Model;

namespace Gateway.Edge;

/// <summary>
/// Rate limits shared by every gateway instance through Redis: one sliding window per
/// (caller, route) — the caller is the token's partner, or its user when it acts for no partner —
/// and one per (source IP, route), each <see cref="RateLimitOptions.PermitLimitFor"/> per
/// <see cref="RateLimitOptions.Window"/> (10 per second unless configured).
/// Over either → 429 <c>CBC.0250</c> with <c>Retry-After</c>. When Redis does not answer the
/// request passes (logged): an outage of the limiter must not take the whole API down.
/// </summary>
internal sealed class EdgeRateLimits(IRateLimiter limiter, IOptionsMonitor<GatewayOptions> options, ILogger<EdgeRateLimits> logger)
{
    /// <summary>Null when the request may pass, else how long the caller should wait.</summary>
    public async Task<TimeSpan?> CheckAsync(HttpContext context)
    {
        var settings = options.CurrentValue.RateLimits;
        if (!settings.Enabled)
        {
            return null;
        }

        var routeId = RouteId(context);
        var permits = settings.PermitLimitFor(routeId);
        var caller = CurrentCaller.FromPrincipal(context.User);
        var callerKey = caller.PartnerId is { } partner ? "partner:" + partner
            : caller.UserId is { } user ? "user:" + user
            : null;
        var sourceIp = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";

        try
        {
            var bySource = limiter.TryAcquireAsync($"gateway:{routeId}:ip:{sourceIp}", permits, settings.Window, context.RequestAborted);
            var byCaller = callerKey is null
                ? Task.FromResult(new RateLimitDecision(true, permits, TimeSpan.Zero))
                : limiter.TryAcquireAsync($"gateway:{routeId}:{callerKey}", permits, settings.Window, context.RequestAborted);
            var decisions = await Task.WhenAll(bySource, byCaller);
            return decisions.All(d => d.Allowed) ? null : decisions.Max(d => d.RetryAfter);
        }
        catch (Exception ex) when (!context.RequestAborted.IsCancellationRequested)
        {
            logger.LogWarning(ex, "Rate limiter unavailable; {Route} passes unlimited", routeId);
            return null;
        }
    }

    /// <summary>The YARP route id for proxied requests, else the endpoint's route pattern.</summary>
    public static string RouteId(HttpContext context)
    {
        var endpoint = context.GetEndpoint();
        return endpoint?.Metadata.GetMetadata<RouteModel>()?.Config.RouteId
            ?? (endpoint as RouteEndpoint)?.RoutePattern.RawText
            ?? "unrouted";
    }

    public static string RetryAfterSeconds(TimeSpan wait) =>
        Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
}

internal static class EdgeRateLimitsExtensions
{
    public static IApplicationBuilder UseEdgeRateLimits(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            if (await context.RequestServices.GetRequiredService<EdgeRateLimits>().CheckAsync(context) is { } wait)
            {
                context.Response.Headers.RetryAfter = EdgeRateLimits.RetryAfterSeconds(wait);
                await GatewayProblems.WriteAsync(context, ErrorCodes.FlowControl);
                return;
            }

            await next(context);
        });
}

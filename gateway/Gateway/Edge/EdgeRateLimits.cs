using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using PartnerPlatform.ServiceDefaults;
using Yarp.ReverseProxy.Model;

namespace Gateway.Edge;

/// <summary>
/// The platform's rate limits (<see cref="PlatformRateLimiter"/>: one Redis window per (caller,
/// route) — the token's partner, or its user when it acts for no partner — and one per (source IP,
/// route)) applied to every request at the edge, so they hold across any number of gateway
/// instances. The limit is <c>Gateway:RateLimits:Routes:{route id}</c> when set, else
/// <c>RateLimiting:Limit</c> per <c>RateLimiting:Window</c> (10 per second). Over it → 429
/// <c>CBC.0250</c> with <c>Retry-After</c>. When Redis fails the request passes (logged).
/// </summary>
internal static class EdgeRateLimits
{
    // What the limiter counts per route: one string per route id instead of one per request.
    private static readonly ConcurrentDictionary<string, string> ApiNames = new(StringComparer.Ordinal);

    public static IApplicationBuilder UseEdgeRateLimits(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            var settings = context.RequestServices.GetRequiredService<IOptionsMonitor<GatewayOptions>>().CurrentValue.RateLimits;
            if (settings.Enabled)
            {
                var limiter = context.RequestServices.GetRequiredService<PlatformRateLimiter>();
                var routeId = RouteId(context);
                var policy = settings.Routes.TryGetValue(routeId, out var limit)
                    ? limiter.DefaultPolicy with { Limit = limit }
                    : limiter.DefaultPolicy;
                var verdict = await limiter.CheckAsync(context, ApiNames.GetOrAdd(routeId, static id => "gateway:" + id), policy);
                if (!verdict.Allowed)
                {
                    await PlatformRateLimiter.WriteRejectionAsync(context, verdict.RetryAfter);
                    return;
                }
            }

            await next(context);
        });

    /// <summary>The YARP route id for proxied requests, else the endpoint's route pattern.</summary>
    public static string RouteId(HttpContext context)
    {
        var endpoint = context.GetEndpoint();
        return endpoint?.Metadata.GetMetadata<RouteModel>()?.Config.RouteId
            ?? (endpoint as RouteEndpoint)?.RoutePattern.RawText
            ?? "unrouted";
    }
}

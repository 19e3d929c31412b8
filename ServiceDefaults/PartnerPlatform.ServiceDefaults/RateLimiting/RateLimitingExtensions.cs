using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace PartnerPlatform.ServiceDefaults;

/// <summary>Marks an endpoint as rate limited; <see cref="Policy"/> null = the configured default.</summary>
public sealed class RateLimitMetadata(RateLimitPolicy? policy)
{
    public RateLimitPolicy? Policy { get; } = policy;
}

public static class RateLimitingExtensions
{
    /// <summary>
    /// Limits the endpoint (or group, or proxied route) per caller and per source IP: by default
    /// <c>RateLimiting:Limit</c> per <c>RateLimiting:Window</c> (10 per second); over it → 429 CBC.0250.
    /// </summary>
    public static TBuilder WithRateLimit<TBuilder>(this TBuilder builder, int? limit = null, TimeSpan? window = null)
        where TBuilder : IEndpointConventionBuilder
    {
        var policy = limit is null && window is null
            ? null
            : new RateLimitPolicy(limit ?? RateLimitPolicy.Default.Limit, window ?? RateLimitPolicy.Default.Window);
        builder.Add(endpoint => endpoint.Metadata.Add(new RateLimitMetadata(policy)));
        return builder;
    }

    /// <summary>
    /// Enforces <see cref="RateLimitMetadata"/>. <see cref="ServiceDefaultsExtensions.MapDefaultEndpoints"/>
    /// adds it after authentication, so the caller is known.
    /// </summary>
    public static IApplicationBuilder UsePlatformRateLimiting(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            if (context.GetEndpoint()?.Metadata.GetMetadata<RateLimitMetadata>() is { } metadata)
            {
                var limiter = context.RequestServices.GetService<PlatformRateLimiter>()
                    ?? throw new InvalidOperationException("Rate-limited endpoints need Redis: set ConnectionStrings:redis.");
                var verdict = await limiter.CheckAsync(context, policy: metadata.Policy);
                if (!verdict.Allowed)
                {
                    await PlatformRateLimiter.WriteRejectionAsync(context, verdict.RetryAfter);
                    return;
                }
            }

            await next(context);
        });
}

using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PartnerPlatform.Redis;

namespace PartnerPlatform.ServiceDefaults;

/// <summary>At most <see cref="Limit"/> requests per <see cref="Window"/>.</summary>
public sealed record RateLimitPolicy(int Limit, TimeSpan Window)
{
    /// <summary>10 requests per second, the conventions' default.</summary>
    public static RateLimitPolicy Default { get; } = new(10, TimeSpan.FromSeconds(1));
}

/// <summary>Configuration section <c>RateLimiting</c>: the policy of routes that do not set their own.</summary>
public sealed class RateLimitingOptions
{
    public const string SectionName = "RateLimiting";

    public int Limit { get; set; } = RateLimitPolicy.Default.Limit;

    public TimeSpan Window { get; set; } = RateLimitPolicy.Default.Window;
}

/// <summary>The outcome for one request; <see cref="RetryAfter"/> is set when it was refused.</summary>
public readonly record struct RateLimitVerdict(bool Allowed, TimeSpan RetryAfter);

/// <summary>
/// Limits over the shared Redis <see cref="IRateLimiter"/>, two counters per API (method + route
/// pattern): one per calling partner (or user) and one per source IP; a request passes when both
/// have a permit. Used by the middleware for endpoints marked <c>.WithRateLimit()</c>, and callable
/// directly (the gateway). When Redis fails the request passes: limits protect capacity, they are
/// not worth an outage.
/// </summary>
public sealed class PlatformRateLimiter(IRateLimiter limiter, IOptions<RateLimitingOptions> options, ILogger<PlatformRateLimiter> logger)
{
    public RateLimitPolicy DefaultPolicy => new(options.Value.Limit, options.Value.Window);

    /// <param name="context">The request: caller from its claims, source IP from its connection.</param>
    /// <param name="api">What the limit counts, e.g. <c>POST /v2/coupons</c>; null = method and route pattern of the endpoint.</param>
    /// <param name="policy">null = the configured default.</param>
    public async Task<RateLimitVerdict> CheckAsync(HttpContext context, string? api = null, RateLimitPolicy? policy = null)
    {
        policy ??= DefaultPolicy;
        api ??= ApiOf(context);
        var caller = context.GetCurrentCaller();
        var keys = new List<string>(2) { $"ip:{context.Connection.RemoteIpAddress?.ToString() ?? "unknown"}:{api}" };
        if ((caller.PartnerId is { } partner ? "partner:" + partner : caller.UserId is { } user ? "user:" + user : null) is { } callerKey)
        {
            keys.Add($"{callerKey}:{api}");
        }

        try
        {
            var decisions = await Task.WhenAll(keys.Select(key => limiter.TryAcquireAsync(key, policy.Limit, policy.Window, context.RequestAborted)));
            return decisions.All(d => d.Allowed)
                ? new RateLimitVerdict(true, TimeSpan.Zero)
                : new RateLimitVerdict(false, decisions.Where(d => !d.Allowed).Max(d => d.RetryAfter));
        }
        catch (RedisException ex)
        {
            logger.LogWarning(ex, "Rate limit of {Api} not checked: Redis failed; the request passes.", api);
            return new RateLimitVerdict(true, TimeSpan.Zero);
        }
    }

    /// <summary>429 CBC.0250 with <c>Retry-After</c> in whole seconds, rounded up.</summary>
    public static async Task WriteRejectionAsync(HttpContext context, TimeSpan retryAfter)
    {
        var seconds = Math.Max(1, (long)Math.Ceiling(retryAfter.TotalSeconds));
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        var problemDetails = context.RequestServices.GetService(typeof(IProblemDetailsService)) as IProblemDetailsService
            ?? throw new InvalidOperationException("Problem details are not registered: call AddServiceDefaults().");
        await problemDetails.WriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = Problems.Create(ErrorCodes.FlowControl) });
    }

    private static string ApiOf(HttpContext context) =>
        context.GetEndpoint() is RouteEndpoint { RoutePattern.RawText: { } pattern }
            ? $"{context.Request.Method} {pattern}"
            : $"{context.Request.Method} {context.Request.Path}";
}

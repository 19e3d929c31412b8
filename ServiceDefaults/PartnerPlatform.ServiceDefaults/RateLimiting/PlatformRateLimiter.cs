using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

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

    /// <summary>
    /// Permits an instance takes from Redis in one call for a limit of at least
    /// <see cref="LeaseMinimumLimit"/>, then spends locally (0 or 1 = every request asks Redis).
    /// Any window may then admit up to <c>instances × LeaseSize</c> more than the limit (ADR 0045).
    /// </summary>
    public int LeaseSize { get; set; }

    /// <summary>Limits below this are checked in Redis on every request, leases or not.</summary>
    public int LeaseMinimumLimit { get; set; } = 1000;

    /// <summary>Largest lease: the script adds one sorted-set member per permit in one command.</summary>
    public const int MaxLeaseSize = 1000;
}

/// <summary>The outcome for one request; <see cref="RetryAfter"/> is set when it was refused.</summary>
public readonly record struct RateLimitVerdict(bool Allowed, TimeSpan RetryAfter);

/// <summary>
/// Limits over the shared Redis, two sliding windows per API (method + route pattern): one per
/// calling partner (or user) and one per source IP. A request passes when both have a permit, and
/// both are checked and taken in one Lua script (one round trip, atomic: <see cref="RedisRateLimiter.TryAcquireAllAsync"/>): a request one window
/// refuses takes nothing from the other. Used by the middleware for endpoints marked
/// <c>.WithRateLimit()</c>, and callable directly (the gateway). When Redis fails (cannot connect,
/// times out, answers an error) the request passes and a warning is logged: fail open, because
/// limits protect capacity and are not worth an outage. With <see cref="RateLimitingOptions.LeaseSize"/>
/// set, limits of at least <see cref="RateLimitingOptions.LeaseMinimumLimit"/> are spent from local
/// leases of that many permits (<see cref="PermitLeases"/>), one Redis call per lease.
/// </summary>
public sealed class PlatformRateLimiter(RedisRateLimiter windows, IOptions<RateLimitingOptions> options, ILogger<PlatformRateLimiter> logger)
{
    private readonly PermitLeases _leases = new(windows);
    private readonly int _leaseSize = Math.Clamp(options.Value.LeaseSize, 1, RateLimitingOptions.MaxLeaseSize);
    private readonly int _leaseMinimumLimit = options.Value.LeaseMinimumLimit;

    /// <summary>Prefix of every window's key, the same as the single-window <see cref="RedisRateLimiter"/>'s.</summary>
    public const string KeyPrefix = RedisRateLimiter.DefaultKeyPrefix;

    public RateLimitPolicy DefaultPolicy { get; } = new(options.Value.Limit, options.Value.Window);

    /// <param name="context">The request: caller from its claims, source IP from its connection.</param>
    /// <param name="api">What the limit counts, e.g. <c>POST /v2/coupons</c>; null = method and route pattern of the endpoint.</param>
    /// <param name="policy">null = the configured default.</param>
    public async Task<RateLimitVerdict> CheckAsync(HttpContext context, string? api = null, RateLimitPolicy? policy = null)
    {
        policy ??= DefaultPolicy;
        ArgumentOutOfRangeException.ThrowIfLessThan(policy.Limit, 1);
        api ??= ApiOf(context);
        var ipKey = $"ip:{context.Connection.RemoteIpAddress?.ToString() ?? "unknown"}:{api}";
        string[] keys = CallerOf(context.User) is { } caller ? [$"{caller}:{api}", ipKey] : [ipKey];

        try
        {
            if (_leaseSize > 1 && policy.Limit >= _leaseMinimumLimit)
            {
                return await _leases.TryAcquireAsync(keys, policy.Limit, policy.Window, _leaseSize);
            }

            var decision = await windows.TryAcquireAllAsync(keys, policy.Limit, policy.Window);
            return new RateLimitVerdict(decision.Allowed, decision.RetryAfter);
        }
        catch (Exception ex) when (ex is RedisException or RedisTimeoutException)
        {
            logger.LogWarning(ex, "Rate limit of {Api} not checked: Redis failed; the request passes.", api);
            return new RateLimitVerdict(true, TimeSpan.Zero);
        }
    }

    /// <summary>The token's partner, else its user; null for an anonymous request.</summary>
    private static string? CallerOf(ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated != true ? null
        : user.FindFirst(PlatformClaims.PartnerId)?.Value is { } partner ? "partner:" + partner
        : user.FindFirst(PlatformClaims.UserId)?.Value is { } userId ? "user:" + userId
        : null;

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

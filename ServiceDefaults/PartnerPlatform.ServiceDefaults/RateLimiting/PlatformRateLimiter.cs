using System.Globalization;
using System.Security.Claims;
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
/// Limits over the shared Redis, two sliding windows per API (method + route pattern): one per
/// calling partner (or user) and one per source IP. A request passes when both have a permit, and
/// both are checked and taken in one Lua script (one round trip, atomic): a request one window
/// refuses takes nothing from the other. Used by the middleware for endpoints marked
/// <c>.WithRateLimit()</c>, and callable directly (the gateway). When Redis fails the request
/// passes: limits protect capacity, they are not worth an outage.
/// </summary>
public sealed class PlatformRateLimiter(IRedisClient redis, IOptions<RateLimitingOptions> options, ILogger<PlatformRateLimiter> logger)
{
    /// <summary>Prefix of every window's key, the same as the single-window <see cref="RedisRateLimiter"/>'s.</summary>
    public const string KeyPrefix = RedisRateLimiter.DefaultKeyPrefix;

    // Sliding-window log per key: a sorted set of the permits of the last window, scored in
    // microseconds of the server's clock (every instance agrees on time). KEYS: the windows;
    // ARGV[1] limit, ARGV[2] window in microseconds. Every window is trimmed and counted first; only
    // when all have room is a permit added to each. Returns {allowed 1/0, retry after in µs}.
    private static readonly RedisScript Windows = new("""
        local limit = tonumber(ARGV[1])
        local window = tonumber(ARGV[2])
        local time = redis.call('TIME')
        local now = tonumber(time[1]) * 1000000 + tonumber(time[2])
        local used = {}
        local retry = 0
        for i, key in ipairs(KEYS) do
          redis.call('ZREMRANGEBYSCORE', key, '-inf', now - window)
          used[i] = redis.call('ZCARD', key)
          if used[i] >= limit then
            local oldest = redis.call('ZRANGE', key, 0, 0, 'WITHSCORES')
            local wait = tonumber(oldest[2]) + window - now
            if wait < 1 then wait = 1 end
            if wait > retry then retry = wait end
          end
        end
        if retry > 0 then
          return {0, retry}
        end
        for i, key in ipairs(KEYS) do
          -- the member is built from TIME's own digits (Lua would print the number with 14 digits
          -- only); the count makes it unique within one microsecond
          redis.call('ZADD', key, now, time[1] .. '.' .. time[2] .. ':' .. used[i])
          redis.call('PEXPIRE', key, math.ceil(window / 1000))
        end
        return {1, 0}
        """);

    private readonly string _defaultWindowArgument = Microseconds(options.Value.Window);

    public RateLimitPolicy DefaultPolicy { get; } = new(options.Value.Limit, options.Value.Window);

    /// <param name="context">The request: caller from its claims, source IP from its connection.</param>
    /// <param name="api">What the limit counts, e.g. <c>POST /v2/coupons</c>; null = method and route pattern of the endpoint.</param>
    /// <param name="policy">null = the configured default.</param>
    public async Task<RateLimitVerdict> CheckAsync(HttpContext context, string? api = null, RateLimitPolicy? policy = null)
    {
        policy ??= DefaultPolicy;
        ArgumentOutOfRangeException.ThrowIfLessThan(policy.Limit, 1);
        api ??= ApiOf(context);
        var ipKey = $"{KeyPrefix}ip:{context.Connection.RemoteIpAddress?.ToString() ?? "unknown"}:{api}";
        string[] keys = CallerOf(context.User) is { } caller ? [$"{KeyPrefix}{caller}:{api}", ipKey] : [ipKey];

        try
        {
            var arguments = new[] { policy.Limit.ToString(CultureInfo.InvariantCulture), WindowArgument(policy.Window) };
            var reply = await redis.EvaluateAsync(Windows, keys, arguments, context.RequestAborted);
            return reply[0].AsInt64() == 1
                ? new RateLimitVerdict(true, TimeSpan.Zero)
                : new RateLimitVerdict(false, TimeSpan.FromMicroseconds(reply[1].AsInt64()));
        }
        catch (RedisException ex)
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

    private string WindowArgument(TimeSpan window)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(window, TimeSpan.FromMilliseconds(1));
        return window == DefaultPolicy.Window ? _defaultWindowArgument : Microseconds(window);
    }

    private static string Microseconds(TimeSpan window) =>
        (window.Ticks / (TimeSpan.TicksPerMillisecond / 1000)).ToString(CultureInfo.InvariantCulture);

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

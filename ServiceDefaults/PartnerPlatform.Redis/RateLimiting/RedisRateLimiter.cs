using System.Globalization;

namespace PartnerPlatform.Redis;

/// <summary>
/// Sliding-window log in one Lua script: a sorted set per key holds the permits of the last window
/// (scored in microseconds of the server's clock, so every instance agrees on time). Trimming,
/// counting, adding and setting the expiry of every key happen in one atomic step; a key expires by
/// itself one window after its last permit. Memory per key grows with the limit (one entry per
/// permit in the window).
/// </summary>
public sealed class RedisRateLimiter(IRedisClient redis, string keyPrefix = RedisRateLimiter.DefaultKeyPrefix) : IRateLimiter
{
    public const string DefaultKeyPrefix = "rate-limit:";

    // KEYS: the windows' sorted sets; ARGV[1] limit, ARGV[2] window in microseconds. Every window is
    // trimmed and counted first; only when all have room is a permit added to each.
    // Returns {allowed 1/0, smallest remaining, retry after in microseconds}.
    private static readonly RedisScript SlidingWindows = new("""
        local limit = tonumber(ARGV[1])
        local window = tonumber(ARGV[2])
        local time = redis.call('TIME')
        local now = tonumber(time[1]) * 1000000 + tonumber(time[2])
        local used = {}
        local most = 0
        local retry = 0
        for i, key in ipairs(KEYS) do
          redis.call('ZREMRANGEBYSCORE', key, '-inf', now - window)
          used[i] = redis.call('ZCARD', key)
          if used[i] > most then most = used[i] end
          if used[i] >= limit then
            local oldest = redis.call('ZRANGE', key, 0, 0, 'WITHSCORES')
            local wait = tonumber(oldest[2]) + window - now
            if wait < 1 then wait = 1 end
            if wait > retry then retry = wait end
          end
        end
        if retry > 0 then
          return {0, 0, retry}
        end
        for i, key in ipairs(KEYS) do
          -- the member is built from TIME's own digits (Lua would print the number with 14 digits
          -- only); the count makes it unique within one microsecond
          redis.call('ZADD', key, now, time[1] .. '.' .. time[2] .. ':' .. used[i])
          redis.call('PEXPIRE', key, math.ceil(window / 1000))
        end
        return {1, limit - most - 1, 0}
        """);

    public Task<RateLimitDecision> TryAcquireAsync(string key, int limit, TimeSpan window, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        return TryAcquireAllAsync([key], limit, window, cancellationToken);
    }

    public async Task<RateLimitDecision> TryAcquireAllAsync(
        IReadOnlyList<string> keys, int limit, TimeSpan window, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentOutOfRangeException.ThrowIfZero(keys.Count);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(window, TimeSpan.FromMilliseconds(1));

        var prefixed = new string[keys.Count];
        for (var i = 0; i < keys.Count; i++)
        {
            prefixed[i] = keyPrefix + (keys[i] ?? throw new ArgumentException("A key is null.", nameof(keys)));
        }

        var reply = await redis.EvaluateAsync(
            SlidingWindows,
            prefixed,
            [limit.ToString(CultureInfo.InvariantCulture), Microseconds(window)],
            cancellationToken);

        return new RateLimitDecision(
            Allowed: reply[0].AsInt64() == 1,
            Remaining: (int)reply[1].AsInt64(),
            RetryAfter: TimeSpan.FromMicroseconds(reply[2].AsInt64()));
    }

    private static string Microseconds(TimeSpan window) =>
        (window.Ticks / (TimeSpan.TicksPerMillisecond / 1000)).ToString(CultureInfo.InvariantCulture);
}

namespace PartnerPlatform.Redis;

/// <summary>
/// Sliding-window log in one Lua script: a sorted set per key holds the permits of the last window
/// (scored in microseconds of the server's clock, so every instance agrees on time). Trimming,
/// counting, adding and setting the expiry happen in one atomic step; the key expires by itself one
/// window after its last permit. Memory per key grows with the limit (one entry per permit in the window).
/// </summary>
public sealed class RedisRateLimiter(IRedisClient redis, string keyPrefix = RedisRateLimiter.DefaultKeyPrefix) : IRateLimiter
{
    public const string DefaultKeyPrefix = "rate-limit:";

    // KEYS[1] the window's sorted set; ARGV[1] limit, ARGV[2] window in microseconds.
    // Returns {allowed 1/0, remaining, retry after in microseconds}.
    private static readonly RedisScript SlidingWindow = new("""
        local limit = tonumber(ARGV[1])
        local window = tonumber(ARGV[2])
        local time = redis.call('TIME')
        local now = tonumber(time[1]) * 1000000 + tonumber(time[2])
        redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
        local used = redis.call('ZCARD', KEYS[1])
        if used < limit then
          -- built from TIME's own digits (Lua would print the number with 14 digits only);
          -- the count makes it unique within one microsecond
          redis.call('ZADD', KEYS[1], now, time[1] .. '.' .. time[2] .. ':' .. used)
          redis.call('PEXPIRE', KEYS[1], math.ceil(window / 1000))
          return {1, limit - used - 1, 0}
        end
        local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
        local retry = tonumber(oldest[2]) + window - now
        if retry < 1 then retry = 1 end
        return {0, 0, retry}
        """);

    public async Task<RateLimitDecision> TryAcquireAsync(string key, int limit, TimeSpan window, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(window, TimeSpan.FromMilliseconds(1));

        var windowMicroseconds = window.Ticks / (TimeSpan.TicksPerMillisecond / 1000);
        var reply = await redis.EvaluateAsync(
            SlidingWindow,
            [keyPrefix + key],
            [limit.ToString(System.Globalization.CultureInfo.InvariantCulture), windowMicroseconds.ToString(System.Globalization.CultureInfo.InvariantCulture)],
            cancellationToken);

        return new RateLimitDecision(
            Allowed: reply[0].AsInt64() == 1,
            Remaining: (int)reply[1].AsInt64(),
            RetryAfter: TimeSpan.FromMicroseconds(reply[2].AsInt64()));
    }
}

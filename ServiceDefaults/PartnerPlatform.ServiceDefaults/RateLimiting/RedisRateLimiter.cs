using StackExchange.Redis;

namespace PartnerPlatform.ServiceDefaults;

/// <summary>
/// The outcome of one acquisition. <see cref="Remaining"/> is what is left in the window after this
/// one; <see cref="RetryAfter"/> is zero when allowed and, when denied, the time until a permit frees up.
/// </summary>
public readonly record struct RateLimitDecision(bool Allowed, int Remaining, TimeSpan RetryAfter);

/// <summary>
/// The outcome of taking several permits at once: <see cref="Granted"/> of the wanted count (fewer
/// when the window has less room; zero = refused, and then <see cref="RetryAfter"/> says when a permit frees up).
/// </summary>
public readonly record struct RateLimitGrant(int Granted, TimeSpan RetryAfter);

/// <summary>
/// A limit shared by every instance of every service: at most <c>limit</c> acquisitions per key in
/// any <c>window</c>. Sliding-window log in one Lua script: a sorted set per key holds the permits of
/// the last window (scored in microseconds of the server's clock, so every instance agrees on time).
/// Trimming, counting, adding and setting the expiry of every key happen in one atomic step; a key
/// expires by itself one window after its last permit. Memory per key grows with the limit (one
/// entry per permit in the window). Redis failures surface as <see cref="RedisException"/> or <see cref="RedisTimeoutException"/>.
/// </summary>
public sealed class RedisRateLimiter(IConnectionMultiplexer redis, string keyPrefix = RedisRateLimiter.DefaultKeyPrefix)
{
    public const string DefaultKeyPrefix = "rate-limit:";

    // KEYS: the windows' sorted sets; ARGV[1] limit, ARGV[2] window in microseconds, ARGV[3] permits
    // wanted. Every window is trimmed and counted first; only when all have room are permits added
    // to each: as many as wanted, or as many as the fullest window still has room for.
    // Returns {permits granted (0 = refused), smallest remaining, retry after in microseconds}.
    // The client sends EVALSHA and ships the text only when the server's script cache lacks it.
    private const string SlidingWindows = """
        local limit = tonumber(ARGV[1])
        local window = tonumber(ARGV[2])
        local wanted = tonumber(ARGV[3])
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
        local granted = math.min(wanted, limit - most)
        local stamp = time[1] .. '.' .. time[2] .. ':'
        for i, key in ipairs(KEYS) do
          -- members are built from TIME's own digits (Lua would print the number with 14 digits
          -- only); the count makes each unique within one microsecond
          local args = {}
          for j = 1, granted do
            args[2 * j - 1] = now
            args[2 * j] = stamp .. (used[i] + j - 1)
          end
          redis.call('ZADD', key, unpack(args))
          redis.call('PEXPIRE', key, math.ceil(window / 1000))
        end
        return {granted, limit - most - granted, 0}
        """;

    /// <summary>Takes one permit for <paramref name="key"/> when fewer than <paramref name="limit"/> were taken in the last <paramref name="window"/>.</summary>
    public Task<RateLimitDecision> TryAcquireAsync(string key, int limit, TimeSpan window)
    {
        ArgumentNullException.ThrowIfNull(key);
        return TryAcquireAllAsync([key], limit, window);
    }

    /// <summary>
    /// Takes one permit from every key's window when all of them have room, else none: a request
    /// counted against several windows (caller and source IP, say) is refused by any one of them
    /// without using up the others. <see cref="RateLimitDecision.Remaining"/> is the smallest left.
    /// </summary>
    public async Task<RateLimitDecision> TryAcquireAllAsync(IReadOnlyList<string> keys, int limit, TimeSpan window)
    {
        var (granted, remaining, retryAfter) = await EvaluateAsync(keys, limit, window, 1);
        return new RateLimitDecision(granted > 0, remaining, retryAfter);
    }

    /// <summary>
    /// Takes up to <paramref name="wanted"/> permits from every key's window in one step: as many as
    /// the fullest window has room for, none when any window is full. The permits count in the
    /// window from now, whether or not the caller spends them (a lease; see <see cref="PlatformRateLimiter"/>).
    /// </summary>
    public async Task<RateLimitGrant> TryAcquireManyAsync(IReadOnlyList<string> keys, int limit, TimeSpan window, int wanted)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(wanted, 1);
        var (granted, _, retryAfter) = await EvaluateAsync(keys, limit, window, wanted);
        return new RateLimitGrant(granted, retryAfter);
    }

    private async Task<(int Granted, int Remaining, TimeSpan RetryAfter)> EvaluateAsync(IReadOnlyList<string> keys, int limit, TimeSpan window, int wanted)
    {
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentOutOfRangeException.ThrowIfZero(keys.Count);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(window, TimeSpan.FromMilliseconds(1));

        var prefixed = new RedisKey[keys.Count];
        for (var i = 0; i < keys.Count; i++)
        {
            prefixed[i] = keyPrefix + (keys[i] ?? throw new ArgumentException("A key is null.", nameof(keys)));
        }

        var reply = (RedisResult[])(await redis.GetDatabase().ScriptEvaluateAsync(
            SlidingWindows,
            prefixed,
            [limit, window.Ticks / (TimeSpan.TicksPerMillisecond / 1000), wanted]))!;

        return ((int)(long)reply[0], (int)(long)reply[1], TimeSpan.FromMicroseconds((long)reply[2]));
    }
}

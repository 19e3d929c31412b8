namespace PartnerPlatform.Redis;

/// <summary>
/// The platform's Redis surface. One implementation (<see cref="RedisClient"/>) over a single
/// multiplexed, pipelined connection; callers depend on this interface only, so a swap is one place.
/// </summary>
public interface IRedisClient : IAsyncDisposable
{
    /// <summary>Round-trip time of a PING.</summary>
    Task<TimeSpan> PingAsync(CancellationToken cancellationToken = default);

    Task<byte[]?> GetAsync(string key, CancellationToken cancellationToken = default);

    Task<string?> GetStringAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>SET with optional expiry (sent as PX) and NX/XX; false when the condition was not met.</summary>
    Task<bool> SetAsync(string key, ReadOnlyMemory<byte> value, TimeSpan? expiry = null, SetCondition condition = SetCondition.Always, CancellationToken cancellationToken = default);

    Task<bool> SetStringAsync(string key, string value, TimeSpan? expiry = null, SetCondition condition = SetCondition.Always, CancellationToken cancellationToken = default);

    Task<long> DeleteAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken = default);

    Task<long> IncrementAsync(string key, long by = 1, CancellationToken cancellationToken = default);

    /// <summary>EXPIRE/PEXPIRE; false when the key does not exist.</summary>
    Task<bool> ExpireAsync(string key, TimeSpan timeToLive, CancellationToken cancellationToken = default);

    /// <summary>PTTL: null when the key does not exist or has no expiry.</summary>
    Task<TimeSpan?> TimeToLiveAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>EVALSHA with the script's cached SHA-1, falling back to EVAL on NOSCRIPT.</summary>
    Task<RedisReply> EvaluateAsync(RedisScript script, IReadOnlyList<string> keys, IReadOnlyList<string> arguments, CancellationToken cancellationToken = default);

    /// <summary>Escape hatch: any command, arguments as strings or byte arrays.</summary>
    Task<RedisReply> ExecuteAsync(string command, IReadOnlyList<object> arguments, CancellationToken cancellationToken = default);
}

public enum SetCondition
{
    Always,
    /// <summary>NX: only when the key does not exist.</summary>
    IfNotExists,
    /// <summary>XX: only when the key exists.</summary>
    IfExists,
}

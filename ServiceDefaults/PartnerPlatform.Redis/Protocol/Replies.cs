namespace PartnerPlatform.Redis.Protocol;

/// <summary>Reply conversions shared by the commands, allocated once.</summary>
internal static class Replies
{
    public static readonly Func<RedisReply, RedisReply> Self = static reply => reply;

    public static readonly Func<RedisReply, byte[]?> Bytes = static reply => reply.AsBytes();

    public static readonly Func<RedisReply, string?> Text = static reply => reply.AsString();

    public static readonly Func<RedisReply, long> Integer = static reply => reply.AsInt64();

    /// <summary>Integer replies 1/0 as true/false.</summary>
    public static readonly Func<RedisReply, bool> OneIsTrue = static reply => reply.AsInt64() == 1;

    /// <summary>OK as true, nil (condition not met) as false.</summary>
    public static readonly Func<RedisReply, bool> OkIsTrue = static reply => !reply.IsNull;

    /// <summary>PTTL: negative answers (no key, no expiry) as null.</summary>
    public static readonly Func<RedisReply, TimeSpan?> Milliseconds = static reply =>
        reply.AsInt64() is var ms and >= 0 ? TimeSpan.FromMilliseconds(ms) : null;
}

using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Identity.Api.Infrastructure.Notifications;
using Microsoft.Extensions.Options;
using PartnerPlatform.ServiceDefaults;
using StackExchange.Redis;

namespace Identity.Api.Infrastructure.VerificationCodes;

/// <summary>
/// Six-digit verification codes in Redis, shared by every instance. Neither the code nor the
/// receiver is stored in clear: keys carry an HMAC of the receiver, the value an HMAC of the code.
/// Each receiver may get at most 15 codes per hour and 60 per day; a code dies after 3 failed checks
/// and is consumed by a successful one. Time comes from <see cref="TimeProvider"/>. Each step is one
/// Lua script through the process's multiplexer (EVALSHA once the server knows the script). When
/// Redis is down, sending and checking fail (503 CBC.0998): a code that cannot be recorded or checked is
/// never treated as valid.
/// </summary>
public sealed class VerificationCodeService(
    IConnectionMultiplexer redis,
    INotificationSender notifications,
    IOptions<VerificationCodeOptions> options,
    TimeProvider timeProvider,
    ILogger<VerificationCodeService> logger)
{
    public const int DefaultLifetimeMinutes = 10;
    public const int MaxLifetimeMinutes = 60;
    public const int OverlongLifetimeMinutes = 5;
    public const int MaxFailedChecks = 3;
    public const int SendsPerHour = 15;
    public const int SendsPerDay = 60;

    // KEYS[1] the receiver's send log (sorted set of send times in ms). ARGV: now, hour limit, day limit, unique member.
    // Returns 1 when the send is recorded, 0 when a limit is reached.
    private const string RecordSend = """
        local now = tonumber(ARGV[1])
        redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - 86400000)
        if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[3]) then return 0 end
        if redis.call('ZCOUNT', KEYS[1], now - 3600000, '+inf') >= tonumber(ARGV[2]) then return 0 end
        redis.call('ZADD', KEYS[1], now, ARGV[4])
        redis.call('PEXPIRE', KEYS[1], 86400000)
        return 1
        """;

    // KEYS[1] the receiver's code. ARGV: code hash, expires at (ms), key lifetime (ms).
    private const string StoreCode = """
        redis.call('DEL', KEYS[1])
        redis.call('HSET', KEYS[1], 'h', ARGV[1], 'e', ARGV[2], 'f', 0)
        redis.call('PEXPIRE', KEYS[1], ARGV[3])
        return 1
        """;

    // KEYS[1] the receiver's code. ARGV: code hash, now (ms), max failures, 1 to consume a correct code.
    // Returns 0 no code, 1 accepted (and consumed when asked), 2 expired, 3 dead, 4 wrong.
    private const string CheckCode = """
        local code = redis.call('HMGET', KEYS[1], 'h', 'e', 'f')
        if not code[1] then return 0 end
        if tonumber(code[3]) >= tonumber(ARGV[3]) then return 3 end
        if tonumber(code[2]) <= tonumber(ARGV[2]) then return 2 end
        if code[1] == ARGV[1] then
          if ARGV[4] == '1' then redis.call('DEL', KEYS[1]) end
          return 1
        end
        redis.call('HINCRBY', KEYS[1], 'f', 1)
        return 4
        """;

    private readonly byte[] _hashKey = HashKey(options.Value, logger);

    /// <summary>
    /// Sends a new code (replacing any earlier one of the same <paramref name="purpose"/>) and answers its
    /// lifetime in minutes. A code of one purpose is never accepted for another. With
    /// <paramref name="deliver"/> false the code is stored and counted but sent to nobody, so a
    /// receiver without an account behaves at the check like one with an account.
    /// </summary>
    public async Task<int> SendAsync(
        NotificationChannel channel, string receiver, int? timeoutMinutes, string lang, CancellationToken cancellationToken, string purpose = "", bool deliver = true)
    {
        var lifetime = timeoutMinutes switch
        {
            null => DefaultLifetimeMinutes,
            > MaxLifetimeMinutes => OverlongLifetimeMinutes,
            var minutes => minutes.Value,
        };
        var receiverKey = ReceiverKey(receiver);
        var now = timeProvider.Now().ToUnixTimeMilliseconds();
        var recorded = await Database.ScriptEvaluateAsync(
            RecordSend,
            [$"identity:vcode-sends:{receiverKey}"],
            [now, SendsPerHour, SendsPerDay, Text(now) + ":" + Guid.NewGuid().ToString("N")]);
        if ((long)recorded == 0)
        {
            throw new ApiException(IdentityErrors.VerificationSendLimit);
        }

        var code = RandomNumberGenerator.GetInt32(0, 1_000_000).ToString("D6", CultureInfo.InvariantCulture);
        var expiresAt = now + (long)TimeSpan.FromMinutes(lifetime).TotalMilliseconds;
        // The key outlives the code by a day so a late check says "expired" rather than "wrong".
        var keyLifetime = (long)(TimeSpan.FromMinutes(lifetime) + TimeSpan.FromDays(1)).TotalMilliseconds;
        await Database.ScriptEvaluateAsync(StoreCode, [CodeKey(receiverKey, purpose)], [CodeHash(receiverKey, code), expiresAt, keyLifetime]);
        if (!deliver)
        {
            return lifetime;
        }

        var chinese = lang.StartsWith("zh", StringComparison.OrdinalIgnoreCase);
        var body = chinese
            ? $"您的验证码为 {code},{lifetime} 分钟内有效。请勿泄露给他人。"
            : $"Your verification code is {code}. It is valid for {lifetime} minutes. Do not share it.";
        await notifications.SendAsync(new Notification(channel, receiver, chinese ? "验证码" : "Verification code", body), cancellationToken);
        logger.LogInformation("Sent a verification code by {Channel}, valid for {Minutes} minutes.", channel, lifetime);
        return lifetime;
    }

    /// <summary>
    /// Checks a code of the <paramref name="purpose"/>; a correct one is consumed unless
    /// <paramref name="consume"/> is false (a wrong one counts towards its death either way).
    /// Throws the registration API's code errors.
    /// </summary>
    public async Task VerifyAsync(string receiver, string code, CancellationToken cancellationToken, string purpose = "", bool consume = true)
    {
        var receiverKey = ReceiverKey(receiver);
        var result = await Database.ScriptEvaluateAsync(
            CheckCode,
            [CodeKey(receiverKey, purpose)],
            [CodeHash(receiverKey, code), timeProvider.Now().ToUnixTimeMilliseconds(), MaxFailedChecks, consume ? 1 : 0]);
        switch ((long)result)
        {
            case 1:
                return;
            case 2:
                throw new ApiException(IdentityErrors.VerificationCodeExpired);
            case 3:
                throw new ApiException(IdentityErrors.VerificationCodeDead);
            default:
                throw new ApiException(IdentityErrors.VerificationCodeWrong);
        }
    }

    /// <summary>
    /// Counts one request for a code about <paramref name="subject"/> (e.g. the identifier a password
    /// reset names) in a window of its own with the receivers' limits (15/hour, 60/day), whether or not
    /// a code is then sent; beyond them, CBC.99004015.
    /// </summary>
    public async Task CountRequestAsync(string scope, string subject)
    {
        var now = timeProvider.Now().ToUnixTimeMilliseconds();
        var recorded = await Database.ScriptEvaluateAsync(
            RecordSend,
            [$"identity:vcode-requests:{scope}:{ReceiverKey(subject)}"],
            [now, SendsPerHour, SendsPerDay, Text(now) + ":" + Guid.NewGuid().ToString("N")]);
        if ((long)recorded == 0)
        {
            throw new ApiException(IdentityErrors.VerificationSendLimit);
        }
    }

    private IDatabase Database => redis.GetDatabase();

    private static string CodeKey(string receiverKey, string purpose) =>
        purpose.Length == 0 ? $"identity:vcode:{receiverKey}" : $"identity:vcode:{purpose}:{receiverKey}";

    private string ReceiverKey(string receiver) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(_hashKey, Encoding.UTF8.GetBytes("receiver:" + receiver.Trim().ToLowerInvariant())));

    private string CodeHash(string receiverKey, string code) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(_hashKey, Encoding.UTF8.GetBytes("code:" + receiverKey + ":" + code)));

    private static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static byte[] HashKey(VerificationCodeOptions options, ILogger logger)
    {
        if (!string.IsNullOrEmpty(options.HashKey))
        {
            return Encoding.UTF8.GetBytes(options.HashKey);
        }

        logger.LogWarning("Identity:VerificationCodes:HashKey is not set: codes are hashed with a key of this process only, so another instance cannot check them.");
        return RandomNumberGenerator.GetBytes(32);
    }
}

/// <summary>The configuration section <c>Identity:VerificationCodes</c>.</summary>
public sealed class VerificationCodeOptions
{
    public const string SectionName = "Identity:VerificationCodes";

    /// <summary>The secret every instance hashes codes and receivers with.</summary>
    public string? HashKey { get; set; }
}

using System.Security.Cryptography;
using System.Text;

namespace SubscriptionFiles.Api.Application;

/// <summary>
/// How deliveries are signed (ADR 0044). Headers of every delivery:
/// <c>Webhook-Id</c> (the event id, kept by replays), <c>Webhook-Delivery-Id</c>, <c>Webhook-Event-Type</c>,
/// <c>Webhook-Timestamp</c> (Unix seconds) and <c>Webhook-Signature</c>:
/// <c>v1=</c> lowercase hex of HMAC-SHA256(key = the secret's UTF-8 bytes, message = timestamp + "." + body),
/// one per signing secret, separated by a comma and a space; during a rotation overlap the new secret's comes first.
/// </summary>
public static class WebhookSignature
{
    public const string IdHeader = "Webhook-Id";
    public const string DeliveryIdHeader = "Webhook-Delivery-Id";
    public const string EventTypeHeader = "Webhook-Event-Type";
    public const string TimestampHeader = "Webhook-Timestamp";
    public const string SignatureHeader = "Webhook-Signature";
    public const string Version = "v1";
    private const string SecretPrefix = "whsec_";

    /// <summary>A new secret: <c>whsec_</c> and 32 random bytes in base64url.</summary>
    public static string NewSecret() => SecretPrefix + Base64UrlEncode(RandomNumberGenerator.GetBytes(32));

    public static string Sign(string secret, long timestamp, string body)
    {
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{timestamp}.{body}"));
        return $"{Version}={Convert.ToHexStringLower(mac)}";
    }

    public static string Header(IEnumerable<string> secrets, long timestamp, string body) =>
        string.Join(", ", secrets.Select(secret => Sign(secret, timestamp, body)));

    /// <summary>What a receiver does: true when any <c>v1</c> signature in the header matches its secret (constant-time compare).</summary>
    public static bool Verify(string secret, string header, long timestamp, string body)
    {
        var expected = Encoding.ASCII.GetBytes(Sign(secret, timestamp, body));
        return header.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Any(candidate => CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(candidate), expected));
    }

    private static string Base64UrlEncode(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

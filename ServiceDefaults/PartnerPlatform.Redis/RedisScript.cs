using System.Security.Cryptography;
using System.Text;

namespace PartnerPlatform.Redis;

/// <summary>
/// A Lua script with its SHA-1, so <see cref="IRedisClient.EvaluateAsync"/> can send EVALSHA and only
/// ship the text (EVAL) when the server's script cache does not hold it (NOSCRIPT). Keep one instance
/// per script, e.g. in a static field.
/// </summary>
public sealed class RedisScript
{
    public RedisScript(string text)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(text);
        Text = text;
        Sha1 = Convert.ToHexStringLower(SHA1.HashData(Encoding.UTF8.GetBytes(text)));
    }

    public string Text { get; }

    /// <summary>Lower-case hex SHA-1 of the UTF-8 text, as SCRIPT LOAD returns it.</summary>
    public string Sha1 { get; }

    public override string ToString() => Sha1;
}

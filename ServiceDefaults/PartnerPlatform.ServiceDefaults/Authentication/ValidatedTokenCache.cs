using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace PartnerPlatform.ServiceDefaults;

/// <summary>
/// The JWT handler with a bounded memory of the tokens it has already validated, so a caller
/// sending the same token again does not pay for an ES256 verification on every request. Keyed by
/// the token's SHA-256, never by the token itself. An entry lives until the token expires or
/// <see cref="MaxAge"/> has passed, whichever is first, by the host's <see cref="TimeProvider"/>;
/// it is used only while the key that signed the token is still trusted (still published), so a
/// rotated-away key stops working as soon as the key set without it is fetched. Tokens that fail
/// are never remembered. Every request gets its own copy of the identity.
/// </summary>
public sealed class ValidatedTokenCache(TimeProvider time) : JsonWebTokenHandler
{
    /// <summary>How long a validated token is trusted without verifying it again.</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(1);

    /// <summary>Tokens remembered at most; beyond it, expired entries are swept and new tokens are checked without being remembered.</summary>
    public const int Capacity = 10_000;

    private const int MaxTokenBytes = 8 * 1024;

    private readonly ConcurrentDictionary<TokenHash, Entry> _entries = new();
    private readonly Lock _sweeping = new();

    /// <summary>Tokens remembered now.</summary>
    public int Count => _entries.Count;

    public override async Task<TokenValidationResult> ValidateTokenAsync(string token, TokenValidationParameters validationParameters)
    {
        if (string.IsNullOrEmpty(token) || Encoding.UTF8.GetMaxByteCount(token.Length) > MaxTokenBytes)
        {
            return await base.ValidateTokenAsync(token, validationParameters);
        }

        var hash = TokenHash.Of(token);
        var now = time.GetUtcNow();
        if (_entries.TryGetValue(hash, out var entry))
        {
            if (now < entry.Until && await IsTrustedAsync(entry.Token.Kid, validationParameters))
            {
                return new TokenValidationResult
                {
                    IsValid = true,
                    ClaimsIdentity = entry.Identity.Clone(),
                    SecurityToken = entry.Token,
                    Issuer = entry.Token.Issuer,
                    TokenType = entry.Token.Typ,
                };
            }

            _entries.TryRemove(new KeyValuePair<TokenHash, Entry>(hash, entry));
        }

        var result = await base.ValidateTokenAsync(token, validationParameters);
        if (result.IsValid && result.SecurityToken is JsonWebToken validated && result.ClaimsIdentity is { } identity)
        {
            var expires = new DateTimeOffset(validated.ValidTo, TimeSpan.Zero);
            Remember(hash, new Entry(identity.Clone(), validated, expires < now + MaxAge ? expires : now + MaxAge), now);
        }

        return result;
    }

    private static async Task<bool> IsTrustedAsync(string keyId, TokenValidationParameters parameters)
    {
        if (parameters.IssuerSigningKeys?.Any(k => k.KeyId == keyId) == true)
        {
            return true;
        }

        return parameters.ConfigurationManager is { } manager
            && (await manager.GetBaseConfigurationAsync(CancellationToken.None)).SigningKeys.Any(k => k.KeyId == keyId);
    }

    private void Remember(TokenHash hash, Entry entry, DateTimeOffset now)
    {
        if (_entries.Count >= Capacity)
        {
            lock (_sweeping)
            {
                foreach (var (key, old) in _entries)
                {
                    if (now >= old.Until)
                    {
                        _entries.TryRemove(new KeyValuePair<TokenHash, Entry>(key, old));
                    }
                }
            }

            if (_entries.Count >= Capacity)
            {
                return;
            }
        }

        _entries[hash] = entry;
    }

    private sealed record Entry(ClaimsIdentity Identity, JsonWebToken Token, DateTimeOffset Until);

    /// <summary>SHA-256 of the token's UTF-8 bytes.</summary>
    private readonly record struct TokenHash(UInt128 First, UInt128 Second)
    {
        public static TokenHash Of(string token)
        {
            Span<byte> text = stackalloc byte[Encoding.UTF8.GetMaxByteCount(token.Length)];
            var length = Encoding.UTF8.GetBytes(token, text);
            Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
            SHA256.HashData(text[..length], hash);
            var halves = MemoryMarshal.Cast<byte, UInt128>(hash);
            return new TokenHash(halves[0], halves[1]);
        }
    }
}

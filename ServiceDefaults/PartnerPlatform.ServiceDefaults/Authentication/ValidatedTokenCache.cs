using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.DataProtection.KeyManagement;

namespace PartnerPlatform.ServiceDefaults;

/// <summary>
/// The bearer-token protector with a bounded memory of the tokens it has already unprotected, so
/// a caller sending the same token again does not pay for a Data Protection unprotect (key lookup,
/// AES and HMAC) on every request. Keyed by the token's SHA-256, never by the token itself. An
/// entry lives until the token expires or <see cref="MaxAge"/> has passed, whichever is first;
/// tokens that fail to unprotect or carry no expiry are never remembered, so they pay the full
/// check every time. The whole memory is dropped when this process's key ring changes (a key
/// created or revoked). The bearer handler still checks the expiry of every ticket it is given.
/// </summary>
public sealed class ValidatedTokenCache : ISecureDataFormat<AuthenticationTicket>
{
    /// <summary>How long a validated token is trusted without unprotecting it again.</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(1);

    /// <summary>Tokens remembered at most; beyond it, expired entries are swept and new tokens are checked without being remembered.</summary>
    public const int Capacity = 10_000;

    // Longer tokens are not remembered (the hash input is encoded on the stack).
    private const int MaxTokenBytes = 8 * 1024;

    private readonly ISecureDataFormat<AuthenticationTicket> _inner;
    private readonly IKeyManager? _keyManager;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<TokenHash, Entry> _entries = new();
    private readonly Lock _sweeping = new();
    private CancellationTokenRegistration _keyRingChanged;

    public ValidatedTokenCache(ISecureDataFormat<AuthenticationTicket> inner, IKeyManager? keyManager, TimeProvider time)
    {
        _inner = inner;
        _keyManager = keyManager;
        _time = time;
        WatchKeyRing();
    }

    /// <summary>Tokens remembered now.</summary>
    public int Count => _entries.Count;

    public string Protect(AuthenticationTicket data) => _inner.Protect(data);

    public string Protect(AuthenticationTicket data, string? purpose) => _inner.Protect(data, purpose);

    public AuthenticationTicket? Unprotect(string? protectedText) => Unprotect(protectedText, purpose: null);

    public AuthenticationTicket? Unprotect(string? protectedText, string? purpose)
    {
        if (purpose is not null || string.IsNullOrEmpty(protectedText) || Encoding.UTF8.GetMaxByteCount(protectedText.Length) > MaxTokenBytes)
        {
            return _inner.Unprotect(protectedText, purpose);
        }

        var hash = TokenHash.Of(protectedText);
        var now = _time.GetUtcNow();
        if (_entries.TryGetValue(hash, out var entry))
        {
            if (now < entry.Until)
            {
                return Copy(entry.Ticket);
            }

            _entries.TryRemove(new KeyValuePair<TokenHash, Entry>(hash, entry));
        }

        var ticket = _inner.Unprotect(protectedText);
        if (ticket?.Properties.ExpiresUtc is { } expires && expires > now)
        {
            Remember(hash, new Entry(Copy(ticket), expires < now + MaxAge ? expires : now + MaxAge), now);
        }

        return ticket;
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

    // A request may change its principal (claims transformation): every caller gets a copy of its own.
    private static AuthenticationTicket Copy(AuthenticationTicket ticket) =>
        new(ticket.Principal.Clone(), ticket.Properties.Clone(), ticket.AuthenticationScheme);

    private void WatchKeyRing()
    {
        if (_keyManager is null)
        {
            return;
        }

        _keyRingChanged.Dispose();
        _keyRingChanged = _keyManager.GetCacheExpirationToken().UnsafeRegister(static state =>
        {
            var cache = (ValidatedTokenCache)state!;
            cache._entries.Clear();
            cache.WatchKeyRing();
        }, this);
    }

    private sealed record Entry(AuthenticationTicket Ticket, DateTimeOffset Until);

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

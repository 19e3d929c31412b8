namespace PartnerPlatform.Redis;

/// <summary>A limit shared by every instance of every service: at most <c>limit</c> acquisitions per key in any <c>window</c>.</summary>
public interface IRateLimiter
{
    /// <summary>Takes one permit for <paramref name="key"/> when fewer than <paramref name="limit"/> were taken in the last <paramref name="window"/>.</summary>
    Task<RateLimitDecision> TryAcquireAsync(string key, int limit, TimeSpan window, CancellationToken cancellationToken = default);

    /// <summary>
    /// Takes one permit from every key's window when all of them have room, else none: a request
    /// counted against several windows (caller and source IP, say) is refused by any one of them
    /// without using up the others. <see cref="RateLimitDecision.Remaining"/> is the smallest left.
    /// </summary>
    Task<RateLimitDecision> TryAcquireAllAsync(IReadOnlyList<string> keys, int limit, TimeSpan window, CancellationToken cancellationToken = default);
}

/// <summary>
/// The outcome of one acquisition. <see cref="Remaining"/> is what is left in the window after this
/// one; <see cref="RetryAfter"/> is zero when allowed and, when denied, the time until a permit frees up.
/// </summary>
public readonly record struct RateLimitDecision(bool Allowed, int Remaining, TimeSpan RetryAfter);

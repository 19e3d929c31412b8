namespace PartnerPlatform.Contracts.Coupons;

/// <summary>
/// A distributor reclaimed the quota <see cref="QuotaId"/> it had granted to its reseller: the quota is
/// cancelled and its unissued <see cref="Amount"/> went back to <see cref="SourceQuotaId"/> when
/// <see cref="ReturnedToSource"/> (that quota was still valid), otherwise it lapsed.
/// </summary>
public sealed record CouponQuotaReclaimed(
    Guid QuotaId,
    Guid ResellerPartnerId,
    Guid DistributorPartnerId,
    Guid SourceQuotaId,
    decimal Amount,
    string Currency,
    bool ReturnedToSource,
    DateTimeOffset OccurredAt);

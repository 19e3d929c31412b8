namespace PartnerPlatform.Contracts.Coupons;

/// <summary>
/// A coupon quota was granted to <see cref="PartnerId"/>: by vendor staff (<see cref="DistributorPartnerId"/>
/// and <see cref="SourceQuotaId"/> null) or by a distributor out of its own quota <see cref="SourceQuotaId"/>.
/// <see cref="QuotaType"/>: <c>voucher</c>, <c>cash_coupon</c> or <c>pickup_voucher</c>. Amounts have 2 decimals.
/// </summary>
public sealed record CouponQuotaGranted(
    Guid QuotaId,
    Guid PartnerId,
    string QuotaType,
    decimal Amount,
    string Currency,
    DateTimeOffset ValidFrom,
    DateTimeOffset ExpiresAt,
    Guid? DistributorPartnerId,
    Guid? SourceQuotaId,
    DateTimeOffset OccurredAt);

namespace PartnerPlatform.Contracts.Coupons;

/// <summary>
/// A coupon was issued to the customer <see cref="CustomerId"/>. <see cref="CouponType"/>: <c>voucher</c>,
/// <c>cash_coupon</c> or <c>pickup_voucher</c>. <see cref="QuotaId"/> and <see cref="IssuerPartnerId"/> are
/// null for a role test voucher (issued by the vendor to the partner's own account). When a distributor
/// issued to a linked reseller's customer, <see cref="IndirectPartnerId"/> is that reseller.
/// </summary>
public sealed record CouponIssued(
    Guid CouponId,
    string CouponType,
    Guid? QuotaId,
    Guid? IssuerPartnerId,
    Guid? IndirectPartnerId,
    Guid CustomerId,
    decimal FaceValue,
    string Currency,
    DateTimeOffset ValidFrom,
    DateTimeOffset ExpiresAt,
    DateTimeOffset OccurredAt);

namespace PartnerPlatform.Contracts.Coupons;

/// <summary>A coupon reached its expiry time with <see cref="ExpiredAmount"/> unspent; that amount lapses.</summary>
public sealed record CouponExpired(
    Guid CouponId,
    Guid? IssuerPartnerId,
    Guid CustomerId,
    decimal ExpiredAmount,
    string Currency,
    DateTimeOffset OccurredAt);

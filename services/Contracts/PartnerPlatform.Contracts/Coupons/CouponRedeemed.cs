namespace PartnerPlatform.Contracts.Coupons;

/// <summary>
/// A coupon paid <see cref="DeductedAmount"/> of the order <see cref="OrderId"/> (published once per order).
/// <see cref="Balance"/> is what is left on the coupon.
/// </summary>
public sealed record CouponRedeemed(
    Guid CouponId,
    string CouponType,
    Guid? IssuerPartnerId,
    Guid? IndirectPartnerId,
    Guid CustomerId,
    string OrderId,
    decimal OrderAmount,
    decimal DeductedAmount,
    decimal Balance,
    string Currency,
    DateTimeOffset OccurredAt);

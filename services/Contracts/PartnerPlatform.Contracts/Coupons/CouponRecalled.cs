namespace PartnerPlatform.Contracts.Coupons;

/// <summary>
/// The issuing partner recalled <see cref="Amount"/> of a coupon (the whole balance or a part);
/// <see cref="Balance"/> is what the customer keeps. <see cref="ReturnedToQuota"/>: the amount went back to
/// the coupon's quota (it was still valid).
/// </summary>
public sealed record CouponRecalled(
    Guid CouponId,
    Guid IssuerPartnerId,
    Guid CustomerId,
    decimal Amount,
    decimal Balance,
    string Currency,
    bool ReturnedToQuota,
    DateTimeOffset OccurredAt);

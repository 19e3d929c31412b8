namespace Coupons.Api.Domain;

/// <summary>
/// A voucher, cash coupon or pickup voucher held by a customer. Its restrictions are copied from the
/// issue request (narrowed within the quota's) and never change; its balance history is the ledger.
/// </summary>
public sealed class Coupon : IRestricted
{
    public Guid Id { get; init; }

    public QuotaType CouponType { get; init; }

    public CouponSource Source { get; init; }

    /// <summary>The quota it was issued from (null for role test vouchers).</summary>
    public Guid? QuotaId { get; init; }

    /// <summary>The issuing partner (null for role test vouchers, which the vendor grants).</summary>
    public Guid? IssuerPartnerId { get; init; }

    /// <summary>The linked reseller whose customer a distributor issued to.</summary>
    public Guid? IndirectPartnerId { get; init; }

    public Guid CustomerId { get; init; }

    public decimal FaceValue { get; init; }

    public decimal Balance { get; set; }

    public required string Currency { get; init; }

    public CouponStatus Status { get; set; }

    public DateTimeOffset ValidFrom { get; init; }

    public DateTimeOffset ExpiresAt { get; init; }

    public string[] CloudServiceTypes { get; init; } = [];

    public string[] ProductIds { get; init; } = [];

    public string[] BillingModes { get; init; } = [];

    public string[] Regions { get; init; } = [];

    public decimal? MinOrderAmount { get; init; }

    public decimal? MaxOrderShare { get; init; }

    public string? IssuedBy { get; init; }

    public string? Remark { get; init; }

    public DateTimeOffset IssuedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>When it left <c>available</c>.</summary>
    public DateTimeOffset? ClosedAt { get; set; }

    /// <summary>The status a reader sees: past its expiry an available coupon is <c>expired</c> even before the sweeper runs.</summary>
    public CouponStatus EffectiveStatus(DateTimeOffset now) =>
        Status == CouponStatus.Available && now >= ExpiresAt ? CouponStatus.Expired : Status;
}

/// <summary>One change of a coupon's balance; the rows of a coupon sum to its balance.</summary>
public sealed class CouponLedgerEntry
{
    public long Id { get; init; }

    public Guid CouponId { get; init; }

    public CouponLedgerKind Kind { get; init; }

    /// <summary>Signed: positive when issued, negative when redeemed, recalled or expired.</summary>
    public decimal Amount { get; init; }

    public decimal BalanceAfter { get; init; }

    public string? OrderId { get; init; }

    public DateTimeOffset OccurredAt { get; init; }
}

/// <summary>One change of a quota's remaining amount; the rows of a quota sum to its remaining amount.</summary>
public sealed class QuotaMovement
{
    public long Id { get; init; }

    public Guid QuotaId { get; init; }

    public QuotaMovementKind Kind { get; init; }

    /// <summary>Signed: what the remaining amount changed by.</summary>
    public decimal Amount { get; init; }

    public Guid? CouponId { get; init; }

    /// <summary>The other quota of a grant or reclaim between a distributor and its reseller.</summary>
    public Guid? RelatedQuotaId { get; init; }

    public DateTimeOffset OccurredAt { get; init; }
}

/// <summary>A coupon paying part of an order; one per order id, so a replay spends nothing.</summary>
public sealed class Redemption
{
    public Guid Id { get; init; }

    public required string OrderId { get; init; }

    public Guid CouponId { get; init; }

    public decimal OrderAmount { get; init; }

    public decimal DeductedAmount { get; init; }

    public decimal BalanceAfter { get; init; }

    public required string Currency { get; init; }

    public CouponStatus CouponStatusAfter { get; init; }

    public string? RedeemedBy { get; init; }

    public DateTimeOffset RedeemedAt { get; init; }
}

using Coupons.Api.Domain;

namespace Coupons.Api.Application;

/// <summary><c>POST /v2/partners/coupon-quotas/query</c>. Every field is optional.</summary>
public sealed record QueryQuotasRequest
{
    public QuotaType? QuotaType { get; init; }

    public QuotaStatus[]? QuotaStatusList { get; init; }

    public Guid? QuotaId { get; init; }

    /// <summary>Distributors: the quotas the caller granted to this reseller instead of its own.</summary>
    public Guid? IndirectPartnerId { get; init; }

    public int? Offset { get; init; }

    public int? Limit { get; init; }
}

/// <summary>Vendor staff grant a quota to a partner.</summary>
public sealed record GrantQuotaRequest : RestrictionFields
{
    public Guid? PartnerId { get; init; }

    public QuotaType? QuotaType { get; init; }

    public decimal? Amount { get; init; }

    public string? Currency { get; init; }

    /// <summary>Optional; default: now.</summary>
    public DateTimeOffset? ValidTime { get; init; }

    public DateTimeOffset? ExpireTime { get; init; }

    public string? Remark { get; init; }
}

/// <summary>A distributor grants part of its quota to a linked reseller.</summary>
public sealed record GrantResellerQuotaRequest : RestrictionFields
{
    /// <summary>The distributor's own quota the amount comes out of.</summary>
    public Guid? QuotaId { get; init; }

    public Guid? IndirectPartnerId { get; init; }

    public decimal? Amount { get; init; }

    /// <summary>Optional, within the source quota's validity; default: now … the source's expiry.</summary>
    public DateTimeOffset? ValidTime { get; init; }

    public DateTimeOffset? ExpireTime { get; init; }

    public string? Remark { get; init; }
}

/// <summary><c>POST /v2/partners/coupon-quotas/indirect-partner-reclaim</c>.</summary>
public sealed record ReclaimResellerQuotasRequest
{
    /// <summary>1 to 10 quotas the caller granted to its resellers.</summary>
    public Guid[]? QuotaIds { get; init; }

    public string? Remark { get; init; }
}

/// <summary>Vendor staff change a quota's status (with <c>If-Match</c>).</summary>
public sealed record ChangeQuotaStatusRequest
{
    public QuotaStatus? Status { get; init; }

    public string? Remark { get; init; }
}

/// <summary><c>POST /v2/promotions/benefits/partner-coupons</c>.</summary>
public sealed record IssueCouponsRequest : RestrictionFields
{
    public Guid? QuotaId { get; init; }

    /// <summary>1 to 100 customers; each gets one coupon or an error entry.</summary>
    public Guid[]? CustomerIds { get; init; }

    public decimal? FaceValue { get; init; }

    /// <summary>Optional, within the quota's validity; default: now (or the quota's start).</summary>
    public DateTimeOffset? ValidTime { get; init; }

    /// <summary>Optional, within the quota's validity; default: the quota's expiry.</summary>
    public DateTimeOffset? ExpireTime { get; init; }

    /// <summary>A distributor issuing to a linked reseller's customers names the reseller here.</summary>
    public Guid? IndirectPartnerId { get; init; }

    public string? Remark { get; init; }
}

/// <summary><c>POST /v2/promotions/benefits/partner-coupons/reclaim</c>.</summary>
public sealed record RecallCouponRequest
{
    public Guid? CouponId { get; init; }

    /// <summary>Optional; default: the whole balance.</summary>
    public decimal? Amount { get; init; }

    public string? Remark { get; init; }
}

/// <summary><c>POST /v2/coupons/{coupon_id}/redemptions</c>.</summary>
public sealed record RedeemCouponRequest
{
    public string? OrderId { get; init; }

    public decimal? OrderAmount { get; init; }

    public string? Currency { get; init; }

    /// <summary>Required when the coupon is restricted to service types.</summary>
    public string? CloudServiceType { get; init; }

    /// <summary>Required when the coupon is restricted to products.</summary>
    public string? ProductId { get; init; }

    /// <summary>Required when the coupon is restricted to billing modes.</summary>
    public string? BillingMode { get; init; }

    /// <summary>Required when the coupon is restricted to regions.</summary>
    public string? Region { get; init; }
}

/// <summary>Vendor staff import a new version of a partner's whitelist (with <c>If-Match</c>).</summary>
public sealed record ImportWhitelistRequest
{
    /// <summary>The complete list (0 to 10,000 customers): it replaces the current version.</summary>
    public Guid[]? CustomerIds { get; init; }

    public string? Remark { get; init; }
}

/// <summary>A partner requests the test voucher of one kind for one role.</summary>
public sealed record RequestTestVoucherRequest
{
    public string? Role { get; init; }

    /// <summary><c>role_certification</c> (also when absent or null, as before kinds existed) or <c>role_selection</c>.</summary>
    public TestVoucherKind? Kind { get; init; }
}

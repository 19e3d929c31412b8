using Coupons.Api.Domain;

namespace Coupons.Api.Application;

public sealed record QuotaView(
    Guid QuotaId,
    Guid PartnerId,
    QuotaType QuotaType,
    QuotaStatus QuotaStatus,
    string Currency,
    decimal TotalAmount,
    decimal RemainingAmount,
    DateTimeOffset ValidTime,
    DateTimeOffset ExpireTime,
    string[] CloudServiceTypes,
    string[] ProductIds,
    string[] BillingModes,
    string[] Regions,
    decimal? MinOrderAmount,
    decimal? MaxOrderShare,
    Guid? DistributorPartnerId,
    Guid? SourceQuotaId,
    string? Remark,
    DateTimeOffset CreatedAt)
{
    public static QuotaView From(Quota q, DateTimeOffset now) => new(
        q.Id, q.PartnerId, q.QuotaType, q.EffectiveStatus(now), q.Currency, Money.Normalize(q.TotalAmount), Money.Normalize(q.RemainingAmount),
        q.ValidFrom, q.ExpiresAt, q.CloudServiceTypes, q.ProductIds, q.BillingModes, q.Regions,
        q.MinOrderAmount is { } min ? Money.Normalize(min) : null, q.MaxOrderShare, q.DistributorPartnerId, q.SourceQuotaId, q.Remark, q.CreatedAt);
}

public sealed record CouponView(
    Guid CouponId,
    QuotaType CouponType,
    CouponSource Source,
    CouponStatus Status,
    Guid? QuotaId,
    Guid? IssuerPartnerId,
    Guid? IndirectPartnerId,
    Guid CustomerId,
    decimal FaceValue,
    decimal Balance,
    string Currency,
    DateTimeOffset ValidTime,
    DateTimeOffset ExpireTime,
    string[] CloudServiceTypes,
    string[] ProductIds,
    string[] BillingModes,
    string[] Regions,
    decimal? MinOrderAmount,
    decimal? MaxOrderShare,
    string? Remark,
    DateTimeOffset IssuedAt)
{
    public static CouponView From(Coupon c, DateTimeOffset now) => new(
        c.Id, c.CouponType, c.Source, c.EffectiveStatus(now), c.QuotaId, c.IssuerPartnerId, c.IndirectPartnerId, c.CustomerId,
        Money.Normalize(c.FaceValue), Money.Normalize(c.Balance), c.Currency, c.ValidFrom, c.ExpiresAt,
        c.CloudServiceTypes, c.ProductIds, c.BillingModes, c.Regions,
        c.MinOrderAmount is { } min ? Money.Normalize(min) : null, c.MaxOrderShare, c.Remark, c.IssuedAt);
}

/// <summary>A coupon with its balance history (partner view).</summary>

public sealed record CouponDetailView(CouponView Coupon, IReadOnlyList<LedgerEntryView> Ledger);

public sealed record LedgerEntryView(CouponLedgerKind Kind, decimal Amount, decimal BalanceAfter, string? OrderId, DateTimeOffset OccurredAt)
{
    public static LedgerEntryView From(CouponLedgerEntry e) =>
        new(e.Kind, Money.Normalize(e.Amount), Money.Normalize(e.BalanceAfter), e.OrderId, e.OccurredAt);
}

/// <summary>One failed item of a batch: its id, code and message.</summary>

public sealed record ErrorDetail(string Id, string ErrorCode, string ErrorMsg);

public sealed record IssuedCoupon(Guid CustomerId, Guid CouponId);

public sealed record IssueCouponsResponse(IReadOnlyList<IssuedCoupon> Succeeded, IReadOnlyList<ErrorDetail> ErrorDetails);

public sealed record ReclaimedQuota(Guid QuotaId, decimal ReclaimedAmount, string Currency, bool ReturnedToSource);

public sealed record ReclaimResellerQuotasResponse(IReadOnlyList<ReclaimedQuota> Succeeded, IReadOnlyList<ErrorDetail> ErrorDetails);

public sealed record RecallCouponResponse(
    Guid CouponId, decimal RecalledAmount, decimal Balance, string Currency, CouponStatus Status, bool ReturnedToQuota);

public sealed record TestVoucherView(string Role, TestVoucherKind Kind, DateTimeOffset GrantedAt, CouponView Coupon);

using Coupons.Api.Domain;

namespace Coupons.Api.Apis;

public sealed record RedemptionView(
    Guid RedemptionId,
    Guid CouponId,
    string OrderId,
    decimal OrderAmount,
    decimal DeductedAmount,
    decimal Balance,
    string Currency,
    CouponStatus CouponStatus,
    DateTimeOffset RedeemedAt)
{
    public static RedemptionView From(Redemption r) => new(
        r.Id, r.CouponId, r.OrderId, Money.Normalize(r.OrderAmount), Money.Normalize(r.DeductedAmount), Money.Normalize(r.BalanceAfter),
        r.Currency, r.CouponStatusAfter, r.RedeemedAt);
}

public sealed record OperationRecordView(
    long RecordId,
    OperationType OperationType,
    OperatorKind OperatorKind,
    string? OperatorId,
    Guid? QuotaId,
    Guid? CouponId,
    Guid? CustomerId,
    Guid? CounterpartPartnerId,
    decimal? Amount,
    string? Currency,
    string? Remark,
    DateTimeOffset OccurredAt)
{
    public static OperationRecordView From(OperationRecord r) => new(
        r.Id, r.OperationType, r.OperatorKind, r.OperatorId, r.QuotaId, r.CouponId, r.CustomerId, r.CounterpartPartnerId,
        r.Amount is { } amount ? Money.Normalize(amount) : null, r.Currency, r.Remark, r.OccurredAt);
}

public sealed record WhitelistView(Guid PartnerId, int Version, int CustomerCount, DateTimeOffset? UpdatedAt);

public sealed record WhitelistCustomerView(Guid CustomerId);

public sealed record TestVoucherRoleView(TestVoucherKind Kind, string Role, decimal FaceValue, string Currency, int ValidDays);

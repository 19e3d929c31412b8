namespace Coupons.Api.Domain;

/// <summary>
/// The operation log of a partner: every grant, issue, recall, reclaim and whitelist change, with
/// who, when, what and the remark. Rows are only ever added.
/// </summary>
public sealed class OperationRecord
{
    public long Id { get; init; }

    /// <summary>Whose log the row is in.</summary>
    public Guid PartnerId { get; init; }

    public OperationType OperationType { get; init; }

    public OperatorKind OperatorKind { get; init; }

    /// <summary>The acting user (member or vendor staff account id), or the acting partner for system rows.</summary>
    public string? OperatorId { get; init; }

    public Guid? QuotaId { get; init; }

    public Guid? CouponId { get; init; }

    public Guid? CustomerId { get; init; }

    /// <summary>The other partner of a distributor ↔ reseller operation.</summary>
    public Guid? CounterpartPartnerId { get; init; }

    public decimal? Amount { get; init; }

    public string? Currency { get; init; }

    public string? Remark { get; init; }

    public DateTimeOffset OccurredAt { get; init; }
}

namespace Coupons.Api.Domain;

/// <summary>
/// An amount a partner may hand out to its customers as coupons. The remaining amount only changes
/// through conditional updates in the database (see <c>Data/QuotaStore</c>), never read-modify-write.
/// </summary>
public sealed class Quota : IRestricted
{
    public Guid Id { get; init; }

    /// <summary>The partner holding the quota (the tenant).</summary>
    public Guid PartnerId { get; init; }

    public QuotaType QuotaType { get; init; }

    public required string Currency { get; init; }

    public decimal TotalAmount { get; init; }

    public decimal RemainingAmount { get; set; }

    public DateTimeOffset ValidFrom { get; init; }

    public DateTimeOffset ExpiresAt { get; init; }

    public QuotaStatus Status { get; set; }

    public string[] CloudServiceTypes { get; init; } = [];

    public string[] ProductIds { get; init; } = [];

    public string[] BillingModes { get; init; } = [];

    public string[] Regions { get; init; } = [];

    public decimal? MinOrderAmount { get; init; }

    public decimal? MaxOrderShare { get; init; }

    /// <summary>Set when a distributor granted this quota to its reseller out of <see cref="SourceQuotaId"/>.</summary>
    public Guid? DistributorPartnerId { get; init; }

    public Guid? SourceQuotaId { get; init; }

    public string? GrantedBy { get; init; }

    public string? Remark { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>PostgreSQL <c>xmin</c>: the ETag of the quota.</summary>
    public uint Version { get; set; }

    /// <summary>The status a reader sees: a quota past its expiry is <c>invalid</c> even before the sweeper marks it.</summary>
    public QuotaStatus EffectiveStatus(DateTimeOffset now) => Status != QuotaStatus.Invalid && now >= ExpiresAt ? QuotaStatus.Invalid : Status;

    public bool IsIssuable(DateTimeOffset now) => Status == QuotaStatus.Normal && now >= ValidFrom && now < ExpiresAt;
}

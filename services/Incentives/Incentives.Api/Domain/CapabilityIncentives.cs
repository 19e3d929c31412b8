namespace Incentives.Api.Domain;

/// <summary>An effective-dated region scope of a capability incentive kind, kept with who set it.</summary>
public sealed class CapabilityIncentiveScope
{
    public long Id { get; set; }

    public string IncentiveKind { get; set; } = "";

    public RegionScope RegionScope { get; set; }

    public DateOnly EffectiveFrom { get; set; }

    public string ChangedBy { get; set; } = "";

    public DateTimeOffset ChangedAt { get; set; }

    public bool Covers(RegionScope region) => RegionScope == RegionScope.Global || RegionScope == region;
}

/// <summary>A partner's claim of a capability incentive for work in one region.</summary>
public sealed class CapabilityIncentiveClaim
{
    public Guid Id { get; set; }

    public Guid PartnerId { get; set; }

    public string IncentiveKind { get; set; } = "";

    /// <summary><c>china</c> or <c>overseas</c>: where the work was done.</summary>
    public RegionScope Region { get; set; }

    public decimal Amount { get; set; }

    public string Currency { get; set; } = "CNY";

    public long ScopeId { get; set; }

    public DateTimeOffset ClaimedAt { get; set; }
}

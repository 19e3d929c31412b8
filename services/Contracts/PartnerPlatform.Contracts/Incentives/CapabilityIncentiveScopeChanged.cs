namespace PartnerPlatform.Contracts.Incentives;

/// <summary>Vendor staff changed the region scope of a capability incentive kind from <see cref="EffectiveFrom"/>; the partner's PDM is told. <see cref="RegionScope"/>: <c>china</c>, <c>overseas</c> or <c>global</c>.</summary>
public sealed record CapabilityIncentiveScopeChanged(
    string IncentiveKind,
    string RegionScope,
    DateOnly EffectiveFrom,
    Guid ChangedBy,
    DateTimeOffset OccurredAt);

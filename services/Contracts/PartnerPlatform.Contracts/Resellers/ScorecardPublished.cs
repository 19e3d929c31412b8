namespace PartnerPlatform.Contracts.Resellers;

/// <summary>
/// Vendor staff published a reseller's scorecard for a period (<c>2026-Q3</c>). A failed scorecard
/// (<see cref="Passed"/> false) requires a performance improvement plan.
/// </summary>
public sealed record ScorecardPublished(
    Guid ScorecardId, Guid ResellerPartnerId, Guid DistributorPartnerId, string Period, bool Passed, DateTimeOffset OccurredAt);

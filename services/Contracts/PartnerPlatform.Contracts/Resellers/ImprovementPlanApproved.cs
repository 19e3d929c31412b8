namespace PartnerPlatform.Contracts.Resellers;

/// <summary>
/// Vendor staff approved a reseller's performance improvement plan and its handling option
/// (<c>rectification</c>, <c>downgrade</c> or <c>voluntary_exit</c>); it can no longer be withdrawn.
/// </summary>
public sealed record ImprovementPlanApproved(
    Guid ScorecardId, Guid ResellerPartnerId, Guid DistributorPartnerId, string Period, string HandlingOption, DateTimeOffset OccurredAt);

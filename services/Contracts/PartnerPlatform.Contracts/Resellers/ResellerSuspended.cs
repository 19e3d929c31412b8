namespace PartnerPlatform.Contracts.Resellers;

/// <summary>An active reseller link was suspended by vendor staff or the distributor; reversible by <see cref="ResellerReinstated"/>.</summary>
public sealed record ResellerSuspended(Guid LinkId, Guid DistributorPartnerId, Guid ResellerPartnerId, DateTimeOffset OccurredAt);

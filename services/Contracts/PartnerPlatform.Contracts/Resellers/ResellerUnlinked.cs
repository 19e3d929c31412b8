namespace PartnerPlatform.Contracts.Resellers;

/// <summary>A reseller link was revoked (final); the distributor may no longer act for the reseller.</summary>
public sealed record ResellerUnlinked(Guid LinkId, Guid DistributorPartnerId, Guid ResellerPartnerId, string Reason, DateTimeOffset OccurredAt);

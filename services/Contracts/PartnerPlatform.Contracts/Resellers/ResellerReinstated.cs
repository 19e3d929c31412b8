namespace PartnerPlatform.Contracts.Resellers;

/// <summary>A suspended reseller link is active again.</summary>
public sealed record ResellerReinstated(Guid LinkId, Guid DistributorPartnerId, Guid ResellerPartnerId, DateTimeOffset OccurredAt);

namespace PartnerPlatform.Contracts.Resellers;

/// <summary>
/// A reseller link became active: <see cref="ResellerPartnerId"/> now belongs to the distributor
/// <see cref="DistributorPartnerId"/>, which may act for it. Published once per activation.
/// </summary>
public sealed record ResellerLinked(Guid LinkId, Guid DistributorPartnerId, Guid ResellerPartnerId, DateTimeOffset OccurredAt);

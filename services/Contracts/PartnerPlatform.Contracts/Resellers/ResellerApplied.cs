namespace PartnerPlatform.Contracts.Resellers;

/// <summary>
/// A partner applied to the distribution plan naming the distributor it wants
/// (<see cref="Origin"/>: <c>application</c>, or <c>quick_join</c> for an expired solution provider,
/// which skips the vendor's review).
/// </summary>
public sealed record ResellerApplied(Guid LinkId, Guid DistributorPartnerId, Guid ResellerPartnerId, string Origin, DateTimeOffset OccurredAt);

namespace PartnerPlatform.Contracts.Resellers;

/// <summary>A distributor made one of its members (<see cref="MemberId"/>) the account manager of a linked reseller.</summary>
public sealed record ResellerAccountManagerAssigned(
    Guid LinkId, Guid DistributorPartnerId, Guid ResellerPartnerId, Guid MemberId, Guid? PreviousMemberId, DateTimeOffset OccurredAt);

namespace PartnerPlatform.Contracts.Incentives;

/// <summary>Vendor staff approved an MDF application: <see cref="ApprovedAmount"/> is reserved from the partner's quota for the activity of <see cref="Category"/> held from <see cref="ActivityStart"/> to <see cref="ActivityEnd"/>, claimable until <see cref="ClaimBy"/>.</summary>
public sealed record MdfApplicationApproved(
    Guid ApplicationId,
    Guid PartnerId,
    string Category,
    decimal ApprovedAmount,
    string Currency,
    DateOnly ActivityStart,
    DateOnly ActivityEnd,
    DateOnly ClaimBy,
    DateTimeOffset OccurredAt);

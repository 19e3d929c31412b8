namespace PartnerPlatform.Contracts.Opportunities;

/// <summary>The assigned partner accepted an HO; its details and joint work are open to the partner.</summary>
public sealed record HandoverOpportunityAccepted(
    Guid HandoverId,
    Guid PartnerId,
    DateTimeOffset OccurredAt);

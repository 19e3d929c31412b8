namespace PartnerPlatform.Contracts.Opportunities;

/// <summary>The assigned partner rejected an HO with a reason.</summary>
public sealed record HandoverOpportunityRejected(
    Guid HandoverId,
    Guid PartnerId,
    string Reason,
    DateTimeOffset OccurredAt);

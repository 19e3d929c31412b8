namespace PartnerPlatform.Contracts.Opportunities;

/// <summary>Vendor staff approved a submitted PO; the partner now reports progress on it.</summary>
public sealed record OpportunityApproved(
    Guid OpportunityId,
    Guid PartnerId,
    Guid ReviewerId,
    DateTimeOffset OccurredAt);

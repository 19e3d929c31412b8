namespace PartnerPlatform.Contracts.Opportunities;

/// <summary>A PO or HO reached the stage <c>won</c>.</summary>
public sealed record OpportunityWon(
    Guid OpportunityId,
    Guid PartnerId,
    decimal ExpectedRevenue,
    string Currency,
    DateTimeOffset OccurredAt);

namespace PartnerPlatform.Contracts.Opportunities;

/// <summary>A won PO or HO was delivered. Counts toward the partner's HO eligibility (delivered POs in the last 12 months) and toward project subsidies.</summary>
public sealed record OpportunityDelivered(
    Guid OpportunityId,
    Guid PartnerId,
    decimal ExpectedRevenue,
    string Currency,
    DateTimeOffset OccurredAt);

namespace PartnerPlatform.Contracts.Opportunities;

/// <summary>Vendor staff rejected a submitted PO. <see cref="Reason"/> is one of the seed's rejection reasons (snake_case code).</summary>
public sealed record OpportunityRejected(
    Guid OpportunityId,
    Guid PartnerId,
    string Reason,
    DateTimeOffset OccurredAt);

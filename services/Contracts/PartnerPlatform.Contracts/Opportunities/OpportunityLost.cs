namespace PartnerPlatform.Contracts.Opportunities;

/// <summary>A PO or HO was lost; <see cref="Reason"/> is the partner's note.</summary>
public sealed record OpportunityLost(
    Guid OpportunityId,
    Guid PartnerId,
    string Reason,
    DateTimeOffset OccurredAt);

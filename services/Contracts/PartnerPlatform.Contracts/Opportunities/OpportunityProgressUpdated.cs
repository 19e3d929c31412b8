namespace PartnerPlatform.Contracts.Opportunities;

/// <summary>A progress update was added to an approved PO or an accepted HO. <see cref="Stage"/>: <c>qualified</c>, <c>solution_validation</c>, <c>business_negotiation</c>, <c>won</c>, <c>delivered</c>, <c>lost</c>; <see cref="ByVendor"/> when vendor staff wrote it.</summary>
public sealed record OpportunityProgressUpdated(
    Guid OpportunityId,
    Guid PartnerId,
    string Stage,
    bool ByVendor,
    DateTimeOffset OccurredAt);

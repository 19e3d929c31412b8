namespace PartnerPlatform.Contracts.Opportunities;

/// <summary>A partner submitted a PO (shared with the vendor); it is read-only from now on. <see cref="RoutedTo"/> is the review queue: a region's PSM queue (<c>psm:{region}</c>) for a new customer, or the existing customer's owner queue.</summary>
public sealed record OpportunitySubmitted(
    Guid OpportunityId,
    Guid PartnerId,
    string CustomerName,
    string CustomerIndustry,
    string CustomerRegion,
    decimal ExpectedRevenue,
    string Currency,
    DateOnly ExpectedOrderDate,
    string RoutedTo,
    DateTimeOffset ValidateBy,
    DateTimeOffset OccurredAt);

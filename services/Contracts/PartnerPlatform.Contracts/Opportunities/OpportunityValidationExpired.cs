namespace PartnerPlatform.Contracts.Opportunities;

/// <summary>Vendor staff did not review a submitted PO by <see cref="ValidateBy"/> (10 working days by default); it is now <c>validation_expired</c> and leaves the review queue <see cref="RoutedTo"/>.</summary>
public sealed record OpportunityValidationExpired(
    Guid OpportunityId,
    Guid PartnerId,
    string RoutedTo,
    DateTimeOffset ValidateBy,
    DateTimeOffset OccurredAt);

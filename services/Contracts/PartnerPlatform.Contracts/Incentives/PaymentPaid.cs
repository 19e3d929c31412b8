namespace PartnerPlatform.Contracts.Incentives;

/// <summary>The vendor paid a payment application.</summary>
public sealed record PaymentPaid(
    Guid PaymentApplicationId,
    Guid PartnerId,
    string Quarter,
    decimal Amount,
    string Currency,
    DateTimeOffset OccurredAt);

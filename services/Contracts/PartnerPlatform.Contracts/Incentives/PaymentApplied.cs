namespace PartnerPlatform.Contracts.Incentives;

/// <summary>A partner applied for the payment of a quarter's FH incentives. <see cref="Quarter"/> is <c>yyyy-Qn</c>.</summary>
public sealed record PaymentApplied(
    Guid PaymentApplicationId,
    Guid PartnerId,
    string Quarter,
    decimal Amount,
    string Currency,
    DateTimeOffset OccurredAt);

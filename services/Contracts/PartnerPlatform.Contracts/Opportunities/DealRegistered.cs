namespace PartnerPlatform.Contracts.Opportunities;

/// <summary>A partner registered a deal; it is protected against other partners' registrations of the same customer and product until <see cref="ProtectedUntil"/>. <see cref="ResellerPartnerId"/> is set when the customer is a linked reseller's customer.</summary>
public sealed record DealRegistered(
    Guid DealId,
    Guid PartnerId,
    string DealName,
    Guid? CustomerId,
    string CustomerName,
    string CustomerAccountName,
    string AccountManagerName,
    string ProductCode,
    decimal Amount,
    string Currency,
    Guid? ResellerPartnerId,
    DateTimeOffset ProtectedUntil,
    DateTimeOffset OccurredAt);

namespace PartnerPlatform.Contracts.Incentives;

/// <summary>The partner verified a monthly FH list (headcount, amounts, material).</summary>
public sealed record IncentiveVerified(
    Guid ListId,
    Guid PartnerId,
    string Track,
    string Month,
    decimal TotalAmount,
    string Currency,
    DateTimeOffset OccurredAt);

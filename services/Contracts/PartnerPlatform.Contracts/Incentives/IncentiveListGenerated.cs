namespace PartnerPlatform.Contracts.Incentives;

/// <summary>The monthly FH list of eligible staff and amounts was generated for a partner and <see cref="Track"/>; the partner verifies it by <see cref="VerifyBy"/> (14 working days) or the month is void. <see cref="Month"/> is <c>yyyy-MM</c>.</summary>
public sealed record IncentiveListGenerated(
    Guid ListId,
    Guid PartnerId,
    string Track,
    string Month,
    int StaffCount,
    decimal TotalAmount,
    string Currency,
    DateTimeOffset VerifyBy,
    DateTimeOffset OccurredAt);

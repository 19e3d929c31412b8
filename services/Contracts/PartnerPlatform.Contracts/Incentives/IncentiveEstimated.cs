namespace PartnerPlatform.Contracts.Incentives;

/// <summary>An estimated incentive line of a partner's statement for <see cref="Period"/> (<c>yyyy-MM</c>).</summary>
public sealed record IncentiveEstimated(
    Guid StatementLineId,
    Guid PartnerId,
    string Period,
    string IncentiveKind,
    decimal Amount,
    string Currency,
    DateTimeOffset OccurredAt);

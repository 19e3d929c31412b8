namespace PartnerPlatform.Contracts.Incentives;

/// <summary>A statement line was confirmed, by the partner or <see cref="Automatically"/> at the deadline.</summary>
public sealed record StatementConfirmed(
    Guid StatementLineId,
    Guid PartnerId,
    string Period,
    decimal Amount,
    string Currency,
    bool Automatically,
    DateTimeOffset OccurredAt);

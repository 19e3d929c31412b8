namespace PartnerPlatform.Contracts.Incentives;

/// <summary>The metric behind a statement line: <see cref="Metric"/> with its <see cref="Value"/> and the <see cref="Formula"/> that turned it into the line's amount.</summary>
public sealed record IncentiveMetricsPublished(
    Guid StatementLineId,
    Guid PartnerId,
    string Period,
    string IncentiveKind,
    string Metric,
    decimal Value,
    string Formula,
    DateTimeOffset OccurredAt);

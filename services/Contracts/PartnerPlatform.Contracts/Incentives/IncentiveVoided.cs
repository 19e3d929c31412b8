namespace PartnerPlatform.Contracts.Incentives;

/// <summary>A monthly FH list was void: not verified in time (<c>verification_expired</c>) or given up by the partner (<c>given_up</c>).</summary>
public sealed record IncentiveVoided(
    Guid ListId,
    Guid PartnerId,
    string Track,
    string Month,
    string Reason,
    DateTimeOffset OccurredAt);

namespace PartnerPlatform.Contracts.Incentives;

/// <summary>A milestone of an NRE agreement was accepted (milestones are accepted in the agreement's order).</summary>
public sealed record NreMilestoneAccepted(
    Guid NreId,
    Guid PartnerId,
    Guid SolutionId,
    int MilestoneNumber,
    decimal Amount,
    string Currency,
    DateTimeOffset OccurredAt);

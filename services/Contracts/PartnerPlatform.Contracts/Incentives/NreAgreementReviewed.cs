namespace PartnerPlatform.Contracts.Incentives;

/// <summary>The ecosystem manager reviewed the NRE agreement of a solution; the partner may now apply for its milestones' acceptance in order.</summary>
public sealed record NreAgreementReviewed(
    Guid NreId,
    Guid PartnerId,
    Guid SolutionId,
    int MilestoneCount,
    decimal TotalAmount,
    string Currency,
    DateTimeOffset OccurredAt);

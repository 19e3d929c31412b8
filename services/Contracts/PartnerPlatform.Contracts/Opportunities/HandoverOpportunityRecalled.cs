namespace PartnerPlatform.Contracts.Opportunities;

/// <summary>An HO left unanswered past its deadline was rejected and recalled: the partner no longer sees its details.</summary>
public sealed record HandoverOpportunityRecalled(
    Guid HandoverId,
    Guid PartnerId,
    DateTimeOffset OccurredAt);

namespace PartnerPlatform.Contracts.Opportunities;

/// <summary>A partner registered a project for vendor review. <see cref="AnnualCloudSpending"/> is the project's new cloud spending per year in <see cref="Currency"/>; <see cref="Overseas"/> selects the overseas threshold.</summary>
public sealed record ProjectRegistered(
    Guid ProjectId,
    Guid PartnerId,
    string ProjectName,
    decimal AnnualCloudSpending,
    string Currency,
    bool Overseas,
    DateTimeOffset OccurredAt);

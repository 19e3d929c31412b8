namespace PartnerPlatform.Contracts.Opportunities;

/// <summary>Vendor staff approved a registered project. Carries what the subsidy rule needs (spending per year, currency, overseas); the partner's capability tags are checked by incentives-api when the subsidy is applied for, never here.</summary>
public sealed record ProjectApproved(
    Guid ProjectId,
    Guid PartnerId,
    string ProjectName,
    decimal AnnualCloudSpending,
    string Currency,
    bool Overseas,
    Guid ReviewerId,
    DateTimeOffset OccurredAt);

namespace PartnerPlatform.Contracts.Incentives;

/// <summary>An MDF reimbursement claim was paid.</summary>
public sealed record MdfClaimPaid(
    Guid ClaimId,
    Guid ApplicationId,
    Guid PartnerId,
    decimal Amount,
    string Currency,
    DateTimeOffset OccurredAt);

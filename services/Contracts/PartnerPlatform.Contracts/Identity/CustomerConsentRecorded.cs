namespace PartnerPlatform.Contracts.Identity;

/// <summary>
/// A customer joining a partner through the partner's link accepted the user agreement, the
/// privacy policy and the transfer of its account data, in the versions named here.
/// </summary>
public sealed record CustomerConsentRecorded(
    Guid ConsentId,
    Guid CustomerId,
    Guid PartnerId,
    string UserAgreementVersion,
    string PrivacyPolicyVersion,
    string AccountDataTransferVersion,
    DateTimeOffset OccurredAt);

namespace PartnerPlatform.Contracts.Identity;

/// <summary>
/// A personal account added a certificate (<c>hcia</c>, <c>hcip</c>, <c>hcie</c>); it is shared
/// with the partners the account is bound to.
/// </summary>
public sealed record MemberCertificateAdded(
    Guid AccountId, Guid CertificateId, string Level, string Track, DateOnly ExpiresOn, DateTimeOffset OccurredAt);

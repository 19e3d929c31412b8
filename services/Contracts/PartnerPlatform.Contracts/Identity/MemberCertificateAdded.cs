namespace PartnerPlatform.Contracts.Identity;

/// <summary>
/// A personal account added a certificate (<c>hcia</c>, <c>hcip</c>, <c>hcie</c>); it is shared
/// with the partners the account is bound to (<c>SharedWithPartnerIds</c>, as of now).
/// </summary>
public sealed record MemberCertificateAdded(
    Guid AccountId, Guid CertificateId, string Level, string Track, DateOnly ExpiresOn, IReadOnlyList<Guid> SharedWithPartnerIds, DateTimeOffset OccurredAt);

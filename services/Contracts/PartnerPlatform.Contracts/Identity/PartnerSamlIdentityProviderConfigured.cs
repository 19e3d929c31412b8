namespace PartnerPlatform.Contracts.Identity;

/// <summary>A partner administrator uploaded (or replaced) the metadata of the partner's SAML identity provider.</summary>
public sealed record PartnerSamlIdentityProviderConfigured(
    Guid PartnerId, string EntityId, IReadOnlyList<string> CertificateThumbprints, Guid ConfiguredBy, DateTimeOffset OccurredAt);

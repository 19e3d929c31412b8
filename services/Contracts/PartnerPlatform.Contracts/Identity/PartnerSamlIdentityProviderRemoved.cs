namespace PartnerPlatform.Contracts.Identity;

/// <summary>A partner administrator removed the partner's SAML identity provider; sign-in through it stops at once.</summary>
public sealed record PartnerSamlIdentityProviderRemoved(Guid PartnerId, string EntityId, Guid RemovedBy, DateTimeOffset OccurredAt);

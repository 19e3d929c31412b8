namespace PartnerPlatform.Contracts.Identity;

/// <summary>
/// A person signed in for the first time through a partner's SAML identity provider and a customer
/// account was created for it just in time (<c>XAccountId</c> is the identity provider's persistent
/// name id). The association with the partner follows as for any created customer
/// (<see cref="CustomerCreated"/>, then <see cref="CustomerAssociated"/>).
/// </summary>
public sealed record SsoAccountProvisioned(
    Guid PartnerId, Guid CustomerId, Guid AccountId, string AccountName, string IdentityProviderEntityId, string XAccountId, DateTimeOffset OccurredAt);

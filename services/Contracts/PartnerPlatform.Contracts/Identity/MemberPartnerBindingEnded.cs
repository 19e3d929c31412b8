namespace PartnerPlatform.Contracts.Identity;

/// <summary>A personal account left a partner it was bound to (its binding ended); its certificates are no longer shared with that partner.</summary>
public sealed record MemberPartnerBindingEnded(Guid PartnerId, Guid AccountId, DateTimeOffset OccurredAt);

namespace PartnerPlatform.Contracts.Identity;

/// <summary>A personal account left a partner it was bound to; its certificates are no longer shared with that partner.</summary>
public sealed record MemberLeftPartner(Guid PartnerId, Guid AccountId, DateTimeOffset OccurredAt);

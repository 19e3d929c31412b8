namespace PartnerPlatform.Contracts.Identity;

/// <summary>
/// A partner invited a person to bind a personal account as an org member (<c>email</c> or
/// <c>mobile</c>). The address stays inside identity-api.
/// </summary>
public sealed record MemberInvited(Guid PartnerId, Guid InvitationId, Guid InvitedBy, string Channel, DateTimeOffset ExpiresAt, DateTimeOffset OccurredAt);

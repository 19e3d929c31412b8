namespace PartnerPlatform.Contracts.Identity;

/// <summary>
/// An account's password was reset with a verification code sent to its <c>email</c> or by
/// <c>sms</c>; every refresh token of the account was revoked with it. <c>PartnerId</c> is set for
/// a partner's main account or member, <c>CustomerId</c> for a customer login. No address in the event.
/// </summary>
public sealed record AccountPasswordReset(Guid AccountId, Guid? PartnerId, Guid? CustomerId, string Channel, DateTimeOffset OccurredAt);

namespace PartnerPlatform.Contracts.Identity;

/// <summary>A partner made one of its members the responsible owner (account manager) of a customer.</summary>
public sealed record AccountManagerAssigned(Guid PartnerId, Guid CustomerId, Guid MemberId, DateTimeOffset OccurredAt);

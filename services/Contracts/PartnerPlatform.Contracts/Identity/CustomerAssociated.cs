namespace PartnerPlatform.Contracts.Identity;

/// <summary>
/// A customer is now associated with a partner (<c>referral</c> or <c>reseller</c>). When a
/// distributor (<see cref="PartnerId"/>) acted for one of its resellers, <see cref="IndirectPartnerId"/>
/// is that reseller and the customer belongs to it: the owner is <c>IndirectPartnerId ?? PartnerId</c>.
/// </summary>
public sealed record CustomerAssociated(Guid PartnerId, Guid CustomerId, string AssociationType, Guid? IndirectPartnerId, DateTimeOffset OccurredAt);

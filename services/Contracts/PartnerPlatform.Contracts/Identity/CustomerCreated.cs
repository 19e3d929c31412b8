namespace PartnerPlatform.Contracts.Identity;

/// <summary>
/// A partner created a customer account through the registration API. The association follows
/// asynchronously (<see cref="CustomerAssociated"/>). When a distributor created it for one of its
/// resellers, <see cref="IndirectPartnerId"/> is that reseller.
/// </summary>
public sealed record CustomerCreated(
    Guid CustomerId, Guid PartnerId, Guid? IndirectPartnerId, string AccountName, string AssociationType, DateTimeOffset OccurredAt);

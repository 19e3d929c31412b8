namespace PartnerPlatform.Contracts.Identity;

/// <summary>
/// A customer's association ended, at the request of the partner or the customer
/// (<see cref="RequestedBy"/>: <c>partner</c> or <c>customer</c>). Ids as in <see cref="CustomerAssociated"/>.
/// </summary>
public sealed record CustomerDisassociated(Guid PartnerId, Guid CustomerId, Guid? IndirectPartnerId, string RequestedBy, DateTimeOffset OccurredAt);

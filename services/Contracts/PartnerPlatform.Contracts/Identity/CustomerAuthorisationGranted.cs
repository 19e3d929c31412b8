namespace PartnerPlatform.Contracts.Identity;

/// <summary>
/// A customer approved a partner's authorisation request: <c>order_on_behalf</c> (order for a
/// reseller-type customer) or <c>share_with_vendor</c> (share its data with the vendor).
/// </summary>
public sealed record CustomerAuthorisationGranted(Guid PartnerId, Guid CustomerId, Guid AuthorisationId, string Purpose, DateTimeOffset OccurredAt);

using Identity.Api.Data;
using Identity.Api.Domain;
using Microsoft.EntityFrameworkCore;
using PartnerPlatform.ServiceDefaults;

namespace Identity.Api.Application;

internal static class OwnedCustomers
{
    /// <summary>The open association of a customer with the partner, tracked; 404 CBC.0156 when the customer is not the partner's.</summary>
    public static async Task<Association> OwnedAssociationAsync(this IdentityDbContext db, Guid partnerId, Guid customerId, CancellationToken cancellationToken) =>
        await db.Associations.SingleOrDefaultAsync(a => a.CustomerId == customerId && a.PartnerId == partnerId && a.EndedAt == null, cancellationToken)
        ?? throw ApiException.NotFound();

    /// <summary>The customer's open association, tracked; 404 CBC.0156 when it has no partner.</summary>
    public static async Task<Association> OpenAssociationAsync(this IdentityDbContext db, Guid customerId, CancellationToken cancellationToken) =>
        await db.Associations.SingleOrDefaultAsync(a => a.CustomerId == customerId && a.EndedAt == null, cancellationToken)
        ?? throw ApiException.NotFound("The customer is not associated with a partner.");
}

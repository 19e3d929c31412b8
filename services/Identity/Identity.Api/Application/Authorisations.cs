using Identity.Api.Data;
using Identity.Api.Domain;
using Microsoft.EntityFrameworkCore;
using PartnerPlatform.Contracts.Identity;
using PartnerPlatform.Messaging.Outbox;
using PartnerPlatform.ServiceDefaults;

namespace Identity.Api.Application;

/// <summary>
/// Customer authorisation (客户授权): a partner asks before ordering for a reseller-type customer or
/// sharing its data with the vendor; the customer grants or refuses.
/// </summary>
public sealed class Authorisations(IdentityDbContext db, IOutbox outbox, TimeProvider timeProvider)
{
    public async Task<AuthorisationRequest> RequestAsync(
        Guid partnerId, Guid requestedBy, Guid customerId, AuthorisationPurpose? requestedPurpose, CancellationToken cancellationToken)
    {
        var purpose = requestedPurpose ?? throw FieldValidation.Invalid("purpose", "purpose is order_on_behalf or share_with_vendor.");
        var association = await db.OwnedAssociationAsync(partnerId, customerId, cancellationToken);
        if (purpose == AuthorisationPurpose.OrderOnBehalf && association.Type != AssociationType.Reseller)
        {
            throw ApiException.IllegalState("Ordering on a customer's behalf needs a reseller-type association.");
        }

        var now = timeProvider.Now();
        var request = new AuthorisationRequest
        {
            Id = Guid.CreateVersion7(now),
            CustomerId = customerId,
            PartnerId = partnerId,
            Purpose = purpose,
            Status = AuthorisationStatus.Pending,
            RequestedAt = now,
            RequestedBy = requestedBy,
        };
        db.AuthorisationRequests.Add(request);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.IsUniqueViolation())
        {
            throw ApiException.IllegalState("A request for this purpose is already waiting for the customer.");
        }

        return request;
    }

    /// <summary>The customer's decision on a pending request of its current partner.</summary>
    public async Task<AuthorisationRequest> DecideAsync(Guid customerId, Guid requestId, bool grant, CancellationToken cancellationToken)
    {
        var request = await db.AuthorisationRequests.SingleOrDefaultAsync(r => r.Id == requestId && r.CustomerId == customerId, cancellationToken)
            ?? throw ApiException.NotFound();
        if (request.Status != AuthorisationStatus.Pending)
        {
            throw ApiException.IllegalState("The request was already decided.");
        }

        var now = timeProvider.Now();
        request.Status = grant ? AuthorisationStatus.Granted : AuthorisationStatus.Refused;
        request.DecidedAt = now;
        if (grant)
        {
            outbox.Add(new CustomerAuthorisationGranted(
                request.PartnerId, customerId, request.Id, SnakeCaseNames.Of(request.Purpose), now));
        }

        await db.SaveChangesAsync(cancellationToken);
        return request;
    }

    /// <summary>The partner's requests to one of its customers (404 CBC.0156 for a customer it does not hold).</summary>
    public async Task<Listing<AuthorisationRequest>> ListForPartnerAsync(Guid partnerId, Guid customerId, PageRequest page, CancellationToken cancellationToken)
    {
        await db.OwnedAssociationAsync(partnerId, customerId, cancellationToken);
        return await ListAsync(db.AuthorisationRequests.AsNoTracking().Where(r => r.CustomerId == customerId && r.PartnerId == partnerId), page, cancellationToken);
    }

    /// <summary>Every request sent to the customer.</summary>
    public Task<Listing<AuthorisationRequest>> ListForCustomerAsync(Guid customerId, PageRequest page, CancellationToken cancellationToken) =>
        ListAsync(db.AuthorisationRequests.AsNoTracking().Where(r => r.CustomerId == customerId), page, cancellationToken);

    private static async Task<Listing<AuthorisationRequest>> ListAsync(IQueryable<AuthorisationRequest> query, PageRequest page, CancellationToken cancellationToken)
    {
        var total = await query.CountAsync(cancellationToken);
        return new(total, await query.OrderByDescending(r => r.RequestedAt).ThenBy(r => r.Id).Page(page).ToListAsync(cancellationToken));
    }
}

using Identity.Api.Data;
using Identity.Api.Domain;
using Microsoft.EntityFrameworkCore;
using PartnerPlatform.Contracts.Identity;
using PartnerPlatform.Messaging.Outbox;
using PartnerPlatform.ServiceDefaults;

namespace Identity.Api.Application;

/// <summary>A partner makes one of its own accounts the responsible owner of a customer.</summary>
public sealed class AccountManagers(IdentityDbContext db, IOutbox outbox, TimeProvider timeProvider)
{
    public async Task<Association> AssignAsync(Guid partnerId, Guid customerId, Guid? requestedMemberId, CancellationToken cancellationToken)
    {
        var memberId = requestedMemberId ?? throw FieldValidation.Invalid("member_id", "member_id is required.");
        var association = await db.OwnedAssociationAsync(partnerId, customerId, cancellationToken);
        if (!await db.Users.AnyAsync(a => a.Id == memberId && a.PartnerId == partnerId, cancellationToken))
        {
            throw ApiException.NotFound("member_id is not an account of this partner.");
        }

        if (association.AccountManagerId != memberId)
        {
            association.AccountManagerId = memberId;
            outbox.Add(new AccountManagerAssigned(partnerId, customerId, memberId, timeProvider.Now()));
            await db.SaveChangesAsync(cancellationToken);
        }

        return association;
    }

    /// <summary>The customer's responsible owner is its account manager, or the partner's main account when none is assigned.</summary>
    public async Task<bool> IsResponsibleOwnerAsync(Association association, Guid accountId, CancellationToken cancellationToken) =>
        association.AccountManagerId is { } manager
            ? manager == accountId
            : await db.Users.AnyAsync(a => a.Id == accountId && a.PartnerId == association.PartnerId && a.Kind == AccountKind.PartnerAdmin, cancellationToken);

    /// <summary>Assigns the account manager and answers the customer with its association, as the customer endpoints show it.</summary>
    public async Task<(Customer Customer, Association Association)> AssignAndReadAsync(Guid partnerId, Guid customerId, Guid? memberId, CancellationToken cancellationToken)
    {
        var association = await AssignAsync(partnerId, customerId, memberId, cancellationToken);
        return (await db.Customers.AsNoTracking().SingleAsync(c => c.Id == customerId, cancellationToken), association);
    }
}

using Identity.Api.Data;
using Identity.Api.Domain;
using Identity.Api.Application;
using MassTransit;
using PartnerPlatform.Contracts.Identity;

namespace Identity.Api.Consumers;

/// <summary>The asynchronous half of create-customer: associates the new customer with the partner that created it.</summary>
public sealed class CustomerCreatedConsumer(IdentityDbContext db, Associations associations, Prospects prospects) : IConsumer<CustomerCreated>
{
    public async Task Consume(ConsumeContext<CustomerCreated> context)
    {
        var message = context.Message;
        var customer = await db.Customers.FindAsync([message.CustomerId], context.CancellationToken);
        if (customer is null || customer.AssociationStatus != AssociationStatus.Pending)
        {
            return;
        }

        var owner = message.IndirectPartnerId ?? message.PartnerId;
        if (await prospects.ClaimedByAnotherPartnerAsync(owner, customer, context.CancellationToken))
        {
            customer.AssociationStatus = AssociationStatus.Failed;
            customer.AssociationFailure = Associations.RegisteredByAnotherPartner;
            await db.SaveChangesAsync(context.CancellationToken);
            return;
        }

        // Saved together with the association when it opens.
        customer.AssociationStatus = AssociationStatus.Associated;
        var (association, failure) = await associations.TryAssociateAsync(
            new Associations.Request(
                message.CustomerId,
                owner,
                message.IndirectPartnerId is null ? null : message.PartnerId,
                Enum.Parse<AssociationType>(message.AssociationType, ignoreCase: true),
                AssociationSource.Api,
                InvitedBy: null),
            context.CancellationToken);
        if (association is null)
        {
            customer = await db.Customers.FindAsync([message.CustomerId], context.CancellationToken);
            customer!.AssociationStatus = AssociationStatus.Failed;
            customer.AssociationFailure = failure;
            await db.SaveChangesAsync(context.CancellationToken);
        }
    }
}

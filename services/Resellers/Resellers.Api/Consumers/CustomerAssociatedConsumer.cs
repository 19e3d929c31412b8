using MassTransit;
using Microsoft.EntityFrameworkCore;
using PartnerPlatform.Contracts.Identity;
using Resellers.Api.Data;
using Resellers.Api.Domain;

namespace Resellers.Api.Consumers;

/// <summary>
/// Records who owns a customer (the reseller when a distributor acted for it): a join blocker for
/// the customer's own account and the scorecards' new-customer count. A customer has one partner
/// at a time, so an earlier association still open is closed.
/// </summary>
public sealed class CustomerAssociatedConsumer(ResellersDbContext db) : IConsumer<CustomerAssociated>
{
    public async Task Consume(ConsumeContext<CustomerAssociated> context)
    {
        var message = context.Message;
        var owner = message.IndirectPartnerId ?? message.PartnerId;
        var current = await db.KnownCustomerAssociations
            .SingleOrDefaultAsync(a => a.CustomerId == message.CustomerId && a.DisassociatedAt == null, context.CancellationToken);
        if (current is not null)
        {
            if (current.OwnerPartnerId == owner || current.AssociatedAt > message.OccurredAt)
            {
                return;
            }

            current.DisassociatedAt = message.OccurredAt;
            await db.SaveChangesAsync(context.CancellationToken);
        }

        db.KnownCustomerAssociations.Add(new KnownCustomerAssociation
        {
            Id = context.MessageId ?? Guid.CreateVersion7(message.OccurredAt),
            CustomerId = message.CustomerId,
            OwnerPartnerId = owner,
            AssociatedAt = message.OccurredAt,
        });
    }
}

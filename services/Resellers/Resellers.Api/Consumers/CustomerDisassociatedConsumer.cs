using MassTransit;
using Microsoft.EntityFrameworkCore;
using PartnerPlatform.Contracts.Identity;
using Resellers.Api.Data;

namespace Resellers.Api.Consumers;

/// <summary>Closes the customer's current association (kept for the scorecards' history).</summary>
public sealed class CustomerDisassociatedConsumer(ResellersDbContext db) : IConsumer<CustomerDisassociated>
{
    public async Task Consume(ConsumeContext<CustomerDisassociated> context)
    {
        var message = context.Message;
        var owner = message.IndirectPartnerId ?? message.PartnerId;
        var current = await db.KnownCustomerAssociations
            .SingleOrDefaultAsync(
                a => a.CustomerId == message.CustomerId && a.OwnerPartnerId == owner && a.DisassociatedAt == null,
                context.CancellationToken);
        if (current is not null && current.AssociatedAt <= message.OccurredAt)
        {
            current.DisassociatedAt = message.OccurredAt;
        }
    }
}

using MassTransit;
using Microsoft.EntityFrameworkCore;
using PartnerPlatform.Contracts.Identity;
using SubscriptionFiles.Api.Data;

namespace SubscriptionFiles.Api.Consumers;

/// <summary>The customer is associated with the partner (and its indirect partner). Older events than the row's are ignored.</summary>
public sealed class CustomerAssociatedConsumer(SubscriptionFilesDbContext db) : IConsumer<CustomerAssociated>
{
    public async Task Consume(ConsumeContext<CustomerAssociated> context)
    {
        var e = context.Message;
        await db.Database.ExecuteSqlAsync(
            $"""
            INSERT INTO customers (customer_id, partner_id, indirect_partner_id, association_type, associated, associated_at, last_event_at)
            VALUES ({e.CustomerId}, {e.PartnerId}, {e.IndirectPartnerId}, {e.AssociationType}, TRUE, {e.OccurredAt}, {e.OccurredAt})
            ON CONFLICT (customer_id) DO UPDATE SET
                partner_id = excluded.partner_id, indirect_partner_id = excluded.indirect_partner_id,
                association_type = excluded.association_type, associated = TRUE, associated_at = excluded.associated_at,
                last_event_at = excluded.last_event_at
            WHERE customers.last_event_at <= excluded.last_event_at
            """,
            context.CancellationToken);
    }
}

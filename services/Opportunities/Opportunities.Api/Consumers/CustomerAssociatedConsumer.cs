using MassTransit;
using Microsoft.EntityFrameworkCore;
using Opportunities.Api.Data;
using PartnerPlatform.Contracts.Identity;

namespace Opportunities.Api.Consumers;

/// <summary>Keeps who owns the customer (the reseller when a distributor acted for it). Older events than the row's are ignored.</summary>
public sealed class CustomerAssociatedConsumer(OpportunitiesDbContext db) : IConsumer<CustomerAssociated>
{
    public async Task Consume(ConsumeContext<CustomerAssociated> context)
    {
        var e = context.Message;
        var owner = e.IndirectPartnerId ?? e.PartnerId;
        await db.Database.ExecuteSqlAsync(
            $"""
            INSERT INTO customer_associations (customer_id, partner_id, indirect_partner_id, owner_partner_id, active, last_event_at)
            VALUES ({e.CustomerId}, {e.PartnerId}, {e.IndirectPartnerId}, {owner}, TRUE, {e.OccurredAt})
            ON CONFLICT (customer_id) DO UPDATE SET
                partner_id = excluded.partner_id, indirect_partner_id = excluded.indirect_partner_id,
                owner_partner_id = excluded.owner_partner_id, active = TRUE, last_event_at = excluded.last_event_at
            WHERE customer_associations.last_event_at < excluded.last_event_at
            """,
            context.CancellationToken);
    }
}

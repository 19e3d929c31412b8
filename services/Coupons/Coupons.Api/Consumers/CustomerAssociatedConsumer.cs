using Coupons.Api.Data;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using PartnerPlatform.Contracts.Identity;

namespace Coupons.Api.Consumers;

/// <summary>Keeps the customer's association: who owns it and as which type. Older events than the row's are ignored.</summary>
public sealed class CustomerAssociatedConsumer(CouponsDbContext db) : IConsumer<CustomerAssociated>
{
    public async Task Consume(ConsumeContext<CustomerAssociated> context)
    {
        var e = context.Message;
        var owner = e.IndirectPartnerId ?? e.PartnerId;
        await db.Database.ExecuteSqlAsync(
            $"""
            INSERT INTO customer_associations (customer_id, partner_id, indirect_partner_id, owner_partner_id, association_type, active, last_event_at)
            VALUES ({e.CustomerId}, {e.PartnerId}, {e.IndirectPartnerId}, {owner}, {e.AssociationType}, TRUE, {e.OccurredAt})
            ON CONFLICT (customer_id) DO UPDATE SET
                partner_id = excluded.partner_id, indirect_partner_id = excluded.indirect_partner_id,
                owner_partner_id = excluded.owner_partner_id, association_type = excluded.association_type,
                active = TRUE, last_event_at = excluded.last_event_at
            WHERE customer_associations.last_event_at < excluded.last_event_at
            """,
            context.CancellationToken);
    }
}

using Coupons.Api.Data;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using PartnerPlatform.Contracts.Identity;

namespace Coupons.Api.Consumers;

/// <summary>
/// Ends the customer's association with that partner. Arriving before its association, it leaves an
/// inactive row, so the late association (older) is then ignored.
/// </summary>
public sealed class CustomerDisassociatedConsumer(CouponsDbContext db) : IConsumer<CustomerDisassociated>
{
    public async Task Consume(ConsumeContext<CustomerDisassociated> context)
    {
        var e = context.Message;
        var owner = e.IndirectPartnerId ?? e.PartnerId;
        await db.Database.ExecuteSqlAsync(
            $"""
            INSERT INTO customer_associations (customer_id, partner_id, indirect_partner_id, owner_partner_id, association_type, active, last_event_at)
            VALUES ({e.CustomerId}, {e.PartnerId}, {e.IndirectPartnerId}, {owner}, 'unknown', FALSE, {e.OccurredAt})
            ON CONFLICT (customer_id) DO UPDATE SET active = FALSE, last_event_at = excluded.last_event_at
            WHERE customer_associations.last_event_at <= excluded.last_event_at
              AND customer_associations.partner_id = excluded.partner_id
            """,
            context.CancellationToken);
    }
}

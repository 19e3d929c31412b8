using MassTransit;
using Microsoft.EntityFrameworkCore;
using Opportunities.Api.Data;
using PartnerPlatform.Contracts.Identity;

namespace Opportunities.Api.Consumers;

/// <summary>Ends the customer's association (and with it the partner's authorisations of that customer).</summary>
public sealed class CustomerDisassociatedConsumer(OpportunitiesDbContext db) : IConsumer<CustomerDisassociated>
{
    public async Task Consume(ConsumeContext<CustomerDisassociated> context)
    {
        var e = context.Message;
        var owner = e.IndirectPartnerId ?? e.PartnerId;
        await db.Database.ExecuteSqlAsync(
            $"""
            INSERT INTO customer_associations (customer_id, partner_id, indirect_partner_id, owner_partner_id, active, last_event_at)
            VALUES ({e.CustomerId}, {e.PartnerId}, {e.IndirectPartnerId}, {owner}, FALSE, {e.OccurredAt})
            ON CONFLICT (customer_id) DO UPDATE SET active = FALSE, last_event_at = excluded.last_event_at
            WHERE customer_associations.last_event_at < excluded.last_event_at AND customer_associations.owner_partner_id = excluded.owner_partner_id
            """,
            context.CancellationToken);
        await db.Database.ExecuteSqlAsync(
            $"DELETE FROM customer_authorisations WHERE customer_id = {e.CustomerId} AND partner_id = {owner} AND granted_at < {e.OccurredAt}",
            context.CancellationToken);
    }
}

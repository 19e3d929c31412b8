using MassTransit;
using Microsoft.EntityFrameworkCore;
using PartnerPlatform.Contracts.Resellers;
using SubscriptionFiles.Api.Data;

namespace SubscriptionFiles.Api.Consumers;

/// <summary>The link was suspended. Older events than the row's are ignored.</summary>
public sealed class ResellerSuspendedConsumer(SubscriptionFilesDbContext db) : IConsumer<ResellerSuspended>
{
    public async Task Consume(ConsumeContext<ResellerSuspended> context)
    {
        var e = context.Message;
        await db.Database.ExecuteSqlAsync(
            $"""
            INSERT INTO reseller_links (link_id, distributor_partner_id, reseller_partner_id, status, linked_at, last_event_at)
            VALUES ({e.LinkId}, {e.DistributorPartnerId}, {e.ResellerPartnerId}, 'suspended', {e.OccurredAt}, {e.OccurredAt})
            ON CONFLICT (link_id) DO UPDATE SET status = 'suspended', last_event_at = excluded.last_event_at
            WHERE reseller_links.last_event_at <= excluded.last_event_at
            """,
            context.CancellationToken);
    }
}

using MassTransit;
using Microsoft.EntityFrameworkCore;
using PartnerPlatform.Contracts.Resellers;
using SubscriptionFiles.Api.Data;

namespace SubscriptionFiles.Api.Consumers;

/// <summary>The suspended link was reinstated. Older events than the row's are ignored.</summary>
public sealed class ResellerReinstatedConsumer(SubscriptionFilesDbContext db) : IConsumer<ResellerReinstated>
{
    public async Task Consume(ConsumeContext<ResellerReinstated> context)
    {
        var e = context.Message;
        await db.Database.ExecuteSqlAsync(
            $"""
            INSERT INTO reseller_links (link_id, distributor_partner_id, reseller_partner_id, status, linked_at, last_event_at)
            VALUES ({e.LinkId}, {e.DistributorPartnerId}, {e.ResellerPartnerId}, 'linked', {e.OccurredAt}, {e.OccurredAt})
            ON CONFLICT (link_id) DO UPDATE SET status = 'linked', last_event_at = excluded.last_event_at
            WHERE reseller_links.last_event_at <= excluded.last_event_at
            """,
            context.CancellationToken);
    }
}

using Microsoft.EntityFrameworkCore;
using Opportunities.Api.Data;

namespace Opportunities.Api.Consumers;

/// <summary>The reseller-link read model: the newest event wins, and <c>revoked</c> is final.</summary>
internal static class ResellerLinks
{
    public static async Task SetStatusAsync(
        OpportunitiesDbContext db, Guid linkId, Guid distributorId, Guid resellerId, string status, DateTimeOffset occurredAt, CancellationToken cancellationToken) =>
        await db.Database.ExecuteSqlAsync(
            $"""
            INSERT INTO reseller_links (link_id, distributor_partner_id, reseller_partner_id, status, last_event_at)
            VALUES ({linkId}, {distributorId}, {resellerId}, {status}, {occurredAt})
            ON CONFLICT (link_id) DO UPDATE SET status = excluded.status, last_event_at = excluded.last_event_at
            WHERE reseller_links.status <> 'revoked'
              AND (reseller_links.last_event_at < excluded.last_event_at OR excluded.status = 'revoked')
            """,
            cancellationToken);
}

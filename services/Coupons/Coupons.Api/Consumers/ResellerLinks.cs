using Coupons.Api.Data;
using Microsoft.EntityFrameworkCore;

namespace Coupons.Api.Consumers;

/// <summary>
/// The reseller-link read model: the newest event wins, and <c>revoked</c> is final. A status change
/// is an UPDATE of the link's row, so it waits for the issues, grants and recalls holding that row
/// share-locked (<c>ReadModelQueries.HoldActiveLinkAsync</c>, the issue statement) to commit, and
/// those that come later read the new status.
/// </summary>
internal static class ResellerLinks
{
    public static async Task SetStatusAsync(
        CouponsDbContext db, Guid linkId, Guid distributorId, Guid resellerId, string status, DateTimeOffset occurredAt, CancellationToken cancellationToken) =>
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

using Microsoft.EntityFrameworkCore;
using Opportunities.Api.Data;

namespace Opportunities.Api.Consumers;

/// <summary>The programme read model: the newest event per partner and programme wins.</summary>
internal static class PartnerProgrammes
{
    public static async Task SetAsync(
        OpportunitiesDbContext db, Guid partnerId, string programme, bool active, DateTimeOffset? expiresAt, DateTimeOffset occurredAt, CancellationToken cancellationToken) =>
        await db.Database.ExecuteSqlAsync(
            $"""
            INSERT INTO partner_programmes (partner_id, programme, active, expires_at, last_event_at)
            VALUES ({partnerId}, {programme}, {active}, {expiresAt}, {occurredAt})
            ON CONFLICT (partner_id, programme) DO UPDATE SET active = excluded.active, expires_at = excluded.expires_at, last_event_at = excluded.last_event_at
            WHERE partner_programmes.last_event_at < excluded.last_event_at
            """,
            cancellationToken);
}

using Coupons.Api.Data;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using PartnerPlatform.Contracts.Identity;

namespace Coupons.Api.Consumers;

/// <summary>Records the partner's programme (who may receive quotas from the vendor).</summary>
public sealed class PartnerProgrammeJoinedConsumer(CouponsDbContext db) : IConsumer<PartnerProgrammeJoined>
{
    public async Task Consume(ConsumeContext<PartnerProgrammeJoined> context)
    {
        var e = context.Message;
        await db.Database.ExecuteSqlAsync(
            $"""
            INSERT INTO partner_programmes (partner_id, programme, active, expires_at, last_event_at)
            VALUES ({e.PartnerId}, {e.Programme}, TRUE, {e.ExpiresAt}, {e.OccurredAt})
            ON CONFLICT (partner_id, programme) DO UPDATE SET active = TRUE, expires_at = excluded.expires_at, last_event_at = excluded.last_event_at
            WHERE partner_programmes.last_event_at < excluded.last_event_at
            """,
            context.CancellationToken);
    }
}

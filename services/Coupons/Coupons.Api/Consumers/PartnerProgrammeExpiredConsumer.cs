using Coupons.Api.Data;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using PartnerPlatform.Contracts.Identity;

namespace Coupons.Api.Consumers;

/// <summary>Ends the partner's programme membership.</summary>
public sealed class PartnerProgrammeExpiredConsumer(CouponsDbContext db) : IConsumer<PartnerProgrammeExpired>
{
    public async Task Consume(ConsumeContext<PartnerProgrammeExpired> context)
    {
        var e = context.Message;
        await db.Database.ExecuteSqlAsync(
            $"""
            INSERT INTO partner_programmes (partner_id, programme, active, expires_at, last_event_at)
            VALUES ({e.PartnerId}, {e.Programme}, FALSE, NULL, {e.OccurredAt})
            ON CONFLICT (partner_id, programme) DO UPDATE SET active = FALSE, last_event_at = excluded.last_event_at
            WHERE partner_programmes.last_event_at <= excluded.last_event_at
            """,
            context.CancellationToken);
    }
}

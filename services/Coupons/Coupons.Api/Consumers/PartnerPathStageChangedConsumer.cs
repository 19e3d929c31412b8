using Coupons.Api.Data;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using PartnerPlatform.Contracts.Identity;

namespace Coupons.Api.Consumers;

/// <summary>Records the partner's development-path stage (role test vouchers need a role certification).</summary>
public sealed class PartnerPathStageChangedConsumer(CouponsDbContext db) : IConsumer<PartnerPathStageChanged>
{
    public async Task Consume(ConsumeContext<PartnerPathStageChanged> context)
    {
        var e = context.Message;
        await db.Database.ExecuteSqlAsync(
            $"""
            INSERT INTO partner_path_stages (partner_id, stage, last_event_at)
            VALUES ({e.PartnerId}, {e.Stage}, {e.OccurredAt})
            ON CONFLICT (partner_id) DO UPDATE SET stage = excluded.stage, last_event_at = excluded.last_event_at
            WHERE partner_path_stages.last_event_at < excluded.last_event_at
            """,
            context.CancellationToken);
    }
}

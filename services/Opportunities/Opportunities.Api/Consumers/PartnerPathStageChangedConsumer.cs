using MassTransit;
using Microsoft.EntityFrameworkCore;
using Opportunities.Api.Data;
using PartnerPlatform.Contracts.Identity;

namespace Opportunities.Api.Consumers;

/// <summary>Keeps the partner's path stage; an event older than the stored one is ignored.</summary>
public sealed class PartnerPathStageChangedConsumer(OpportunitiesDbContext db) : IConsumer<PartnerPathStageChanged>
{
    public async Task Consume(ConsumeContext<PartnerPathStageChanged> context)
    {
        var e = context.Message;
        await db.Database.ExecuteSqlAsync(
            $"""
            INSERT INTO partner_facts (partner_id, path_stage, path_stage_changed_at, capability_tags) VALUES ({e.PartnerId}, {e.Stage}, {e.OccurredAt}, ARRAY[]::text[])
            ON CONFLICT (partner_id) DO UPDATE SET path_stage = excluded.path_stage, path_stage_changed_at = excluded.path_stage_changed_at
            WHERE partner_facts.path_stage_changed_at IS NULL OR partner_facts.path_stage_changed_at < excluded.path_stage_changed_at
            """,
            context.CancellationToken);
    }
}

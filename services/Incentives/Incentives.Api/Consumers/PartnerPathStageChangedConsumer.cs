using Incentives.Api.Data;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using PartnerPlatform.Contracts.Identity;

namespace Incentives.Api.Consumers;

/// <summary>Keeps the partner's development-path stage (FH qualification needs role_certified or capability_differentiated); an older event never overwrites a newer one.</summary>
public sealed class PartnerPathStageChangedConsumer(IncentivesDbContext db) : IConsumer<PartnerPathStageChanged>
{
    public async Task Consume(ConsumeContext<PartnerPathStageChanged> context)
    {
        var e = context.Message;
        await db.Database.ExecuteSqlAsync(
            $"""
            INSERT INTO partner_profiles (partner_id, path_stage, path_stage_at, capability_tags)
            VALUES ({e.PartnerId}, {e.Stage}, {e.OccurredAt}, ARRAY[]::text[])
            ON CONFLICT (partner_id) DO UPDATE SET path_stage = excluded.path_stage, path_stage_at = excluded.path_stage_at
            WHERE partner_profiles.path_stage_at IS NULL OR partner_profiles.path_stage_at < excluded.path_stage_at
            """,
            context.CancellationToken);
    }
}

using MassTransit;
using Microsoft.EntityFrameworkCore;
using Opportunities.Api.Data;
using PartnerPlatform.Contracts.Identity;

namespace Opportunities.Api.Consumers;

/// <summary>Records the partner's PCE membership (the earliest join is kept).</summary>
public sealed class PartnerCoExpansionPlanJoinedConsumer(OpportunitiesDbContext db) : IConsumer<PartnerCoExpansionPlanJoined>
{
    public async Task Consume(ConsumeContext<PartnerCoExpansionPlanJoined> context)
    {
        var e = context.Message;
        await db.Database.ExecuteSqlAsync(
            $"""
            INSERT INTO partner_facts (partner_id, co_expansion_joined_at, capability_tags) VALUES ({e.PartnerId}, {e.OccurredAt}, ARRAY[]::text[])
            ON CONFLICT (partner_id) DO UPDATE SET co_expansion_joined_at = LEAST(COALESCE(partner_facts.co_expansion_joined_at, excluded.co_expansion_joined_at), excluded.co_expansion_joined_at)
            """,
            context.CancellationToken);
    }
}

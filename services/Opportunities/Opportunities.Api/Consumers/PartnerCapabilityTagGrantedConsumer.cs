using MassTransit;
using Microsoft.EntityFrameworkCore;
using Opportunities.Api.Data;
using PartnerPlatform.Contracts.Identity;

namespace Opportunities.Api.Consumers;

/// <summary>Adds the capability tag to the partner's tags (once).</summary>
public sealed class PartnerCapabilityTagGrantedConsumer(OpportunitiesDbContext db) : IConsumer<PartnerCapabilityTagGranted>
{
    public async Task Consume(ConsumeContext<PartnerCapabilityTagGranted> context)
    {
        var e = context.Message;
        await db.Database.ExecuteSqlAsync(
            $"""
            INSERT INTO partner_facts (partner_id, capability_tags) VALUES ({e.PartnerId}, ARRAY[{e.Tag}])
            ON CONFLICT (partner_id) DO UPDATE SET capability_tags = array_append(partner_facts.capability_tags, {e.Tag})
            WHERE NOT ({e.Tag} = ANY (partner_facts.capability_tags))
            """,
            context.CancellationToken);
    }
}

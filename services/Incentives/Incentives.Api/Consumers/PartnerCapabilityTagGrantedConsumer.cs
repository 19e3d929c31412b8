using Incentives.Api.Data;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using PartnerPlatform.Contracts.Identity;

namespace Incentives.Api.Consumers;

/// <summary>Adds the granted capability tag to the partner's tags (project subsidies check them at application time).</summary>
public sealed class PartnerCapabilityTagGrantedConsumer(IncentivesDbContext db) : IConsumer<PartnerCapabilityTagGranted>
{
    public async Task Consume(ConsumeContext<PartnerCapabilityTagGranted> context)
    {
        var e = context.Message;
        await db.Database.ExecuteSqlAsync(
            $"""
            INSERT INTO partner_profiles (partner_id, path_stage, capability_tags)
            VALUES ({e.PartnerId}, 'registered', ARRAY[{e.Tag}])
            ON CONFLICT (partner_id) DO UPDATE SET capability_tags = array_append(partner_profiles.capability_tags, {e.Tag})
            WHERE NOT ({e.Tag} = ANY (partner_profiles.capability_tags))
            """,
            context.CancellationToken);
    }
}

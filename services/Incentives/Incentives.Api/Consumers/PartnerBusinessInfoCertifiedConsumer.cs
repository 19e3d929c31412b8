using Incentives.Api.Data;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using PartnerPlatform.Contracts.Identity;

namespace Incentives.Api.Consumers;

/// <summary>Records that the partner's business information is certified (the quarterly FH payment requires it).</summary>
public sealed class PartnerBusinessInfoCertifiedConsumer(IncentivesDbContext db) : IConsumer<PartnerBusinessInfoCertified>
{
    public async Task Consume(ConsumeContext<PartnerBusinessInfoCertified> context)
    {
        var e = context.Message;
        await db.Database.ExecuteSqlAsync(
            $"""
            INSERT INTO partner_profiles (partner_id, path_stage, business_info_certified_at, capability_tags)
            VALUES ({e.PartnerId}, 'registered', {e.OccurredAt}, ARRAY[]::text[])
            ON CONFLICT (partner_id) DO UPDATE SET business_info_certified_at = excluded.business_info_certified_at
            WHERE partner_profiles.business_info_certified_at IS NULL
            """,
            context.CancellationToken);
    }
}

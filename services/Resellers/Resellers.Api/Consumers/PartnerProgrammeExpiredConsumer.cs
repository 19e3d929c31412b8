using MassTransit;
using Microsoft.EntityFrameworkCore;
using PartnerPlatform.Contracts.Identity;
using Resellers.Api.Data;

namespace Resellers.Api.Consumers;

/// <summary>Marks a programme membership ended (an expired solution provider may quick-join as a reseller).</summary>
public sealed class PartnerProgrammeExpiredConsumer(ResellersDbContext db) : IConsumer<PartnerProgrammeExpired>
{
    public async Task Consume(ConsumeContext<PartnerProgrammeExpired> context)
    {
        var message = context.Message;
        await db.Database.ExecuteSqlInterpolatedAsync(
            $"""
             INSERT INTO known_programmes (partner_id, programme, joined_at, expires_at, expired_at, changed_at)
             VALUES ({message.PartnerId}, {message.Programme}, NULL, NULL, {message.OccurredAt}, {message.OccurredAt})
             ON CONFLICT (partner_id, programme) DO UPDATE
                 SET expired_at = excluded.expired_at, changed_at = excluded.changed_at
                 WHERE known_programmes.changed_at <= excluded.changed_at
             """,
            context.CancellationToken);
    }
}

using MassTransit;
using Microsoft.EntityFrameworkCore;
using PartnerPlatform.Contracts.Identity;
using Resellers.Api.Data;

namespace Resellers.Api.Consumers;

/// <summary>Records a programme membership; an older event than the last applied change is ignored.</summary>
public sealed class PartnerProgrammeJoinedConsumer(ResellersDbContext db) : IConsumer<PartnerProgrammeJoined>
{
    public async Task Consume(ConsumeContext<PartnerProgrammeJoined> context)
    {
        var message = context.Message;
        await db.Database.ExecuteSqlInterpolatedAsync(
            $"""
             INSERT INTO known_programmes (partner_id, programme, joined_at, expires_at, expired_at, changed_at)
             VALUES ({message.PartnerId}, {message.Programme}, {message.OccurredAt}, {message.ExpiresAt}, NULL, {message.OccurredAt})
             ON CONFLICT (partner_id, programme) DO UPDATE
                 SET joined_at = excluded.joined_at, expires_at = excluded.expires_at, expired_at = NULL, changed_at = excluded.changed_at
                 WHERE known_programmes.changed_at <= excluded.changed_at
             """,
            context.CancellationToken);
    }
}

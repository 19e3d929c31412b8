using MassTransit;
using Microsoft.EntityFrameworkCore;
using PartnerPlatform.Contracts.Identity;
using Resellers.Api.Data;

namespace Resellers.Api.Consumers;

/// <summary>Keeps the partner's name and region for lists and the invitation check. Runs inside the inbox's transaction.</summary>
public sealed class PartnerRegisteredConsumer(ResellersDbContext db) : IConsumer<PartnerRegistered>
{
    public async Task Consume(ConsumeContext<PartnerRegistered> context)
    {
        var message = context.Message;
        await db.Database.ExecuteSqlInterpolatedAsync(
            $"""
             INSERT INTO known_partners (id, company_name, region, registered_at)
             VALUES ({message.PartnerId}, {message.CompanyName}, {message.Region}, {message.OccurredAt})
             ON CONFLICT (id) DO UPDATE SET company_name = excluded.company_name, region = excluded.region, registered_at = excluded.registered_at
             """,
            context.CancellationToken);
    }
}

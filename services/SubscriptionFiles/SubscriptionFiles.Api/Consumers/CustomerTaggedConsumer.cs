using MassTransit;
using Microsoft.EntityFrameworkCore;
using PartnerPlatform.Contracts.SubscriptionFiles;
using SubscriptionFiles.Api.Data;

namespace SubscriptionFiles.Api.Consumers;

/// <summary>A partner's customer was tagged (sales side); a tag is kept once per customer.</summary>
public sealed class CustomerTaggedConsumer(SubscriptionFilesDbContext db) : IConsumer<CustomerTagged>
{
    public async Task Consume(ConsumeContext<CustomerTagged> context)
    {
        var e = context.Message;
        await db.Database.ExecuteSqlAsync(
            $"""
            INSERT INTO customer_tags (partner_id, customer_id, tag, tagged_at)
            VALUES ({e.PartnerId}, {e.CustomerId}, {e.Tag}, {e.OccurredAt})
            ON CONFLICT (customer_id, tag) DO NOTHING
            """,
            context.CancellationToken);
    }
}

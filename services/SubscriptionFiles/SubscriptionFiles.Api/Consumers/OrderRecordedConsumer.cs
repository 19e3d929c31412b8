using MassTransit;
using Microsoft.EntityFrameworkCore;
using PartnerPlatform.Contracts.SubscriptionFiles;
using SubscriptionFiles.Api.Data;

namespace SubscriptionFiles.Api.Consumers;

/// <summary>An order of a partner's customer and its resource (ordering side).</summary>
public sealed class OrderRecordedConsumer(SubscriptionFilesDbContext db) : IConsumer<OrderRecorded>
{
    public async Task Consume(ConsumeContext<OrderRecorded> context)
    {
        var e = context.Message;
        await db.Database.ExecuteSqlAsync(
            $"""
            INSERT INTO orders (order_id, partner_id, customer_id, order_type, product_code, resource_id, region, amount, currency, ordered_at)
            VALUES ({e.OrderId}, {e.PartnerId}, {e.CustomerId}, {e.OrderType}, {e.ProductCode}, {e.ResourceId}, {e.Region}, {e.Amount}, {e.Currency}, {e.OrderedAt})
            ON CONFLICT (order_id) DO NOTHING
            """,
            context.CancellationToken);
    }
}

using MassTransit;
using Microsoft.EntityFrameworkCore;
using PartnerPlatform.Contracts.SubscriptionFiles;
using SubscriptionFiles.Api.Data;

namespace SubscriptionFiles.Api.Consumers;

/// <summary>A day's consumption of a partner's customer (billing side).</summary>
public sealed class ConsumptionRecordedConsumer(SubscriptionFilesDbContext db) : IConsumer<ConsumptionRecorded>
{
    public async Task Consume(ConsumeContext<ConsumptionRecorded> context)
    {
        var e = context.Message;
        await db.Database.ExecuteSqlAsync(
            $"""
            INSERT INTO consumption_records (record_id, partner_id, customer_id, account_manager_id, product_code, region, consumed_on, amount, currency, recorded_at)
            VALUES ({e.RecordId}, {e.PartnerId}, {e.CustomerId}, {e.AccountManagerId}, {e.ProductCode}, {e.Region}, {e.ConsumedOn}, {e.Amount}, {e.Currency}, {e.OccurredAt})
            ON CONFLICT (record_id) DO NOTHING
            """,
            context.CancellationToken);
    }
}

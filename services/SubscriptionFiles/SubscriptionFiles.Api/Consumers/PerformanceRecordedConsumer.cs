using MassTransit;
using Microsoft.EntityFrameworkCore;
using PartnerPlatform.Contracts.SubscriptionFiles;
using SubscriptionFiles.Api.Data;

namespace SubscriptionFiles.Api.Consumers;

/// <summary>A partner's performance figure (sales side).</summary>
public sealed class PerformanceRecordedConsumer(SubscriptionFilesDbContext db) : IConsumer<PerformanceRecorded>
{
    public async Task Consume(ConsumeContext<PerformanceRecorded> context)
    {
        var e = context.Message;
        await db.Database.ExecuteSqlAsync(
            $"""
            INSERT INTO performance_records (record_id, partner_id, period, metric, value, currency, recorded_at)
            VALUES ({e.RecordId}, {e.PartnerId}, {e.Period}, {e.Metric}, {e.Value}, {e.Currency}, {e.OccurredAt})
            ON CONFLICT (record_id) DO NOTHING
            """,
            context.CancellationToken);
    }
}

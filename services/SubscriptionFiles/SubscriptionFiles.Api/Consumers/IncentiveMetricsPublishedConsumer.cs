using MassTransit;
using Microsoft.EntityFrameworkCore;
using PartnerPlatform.Contracts.Incentives;
using SubscriptionFiles.Api.Data;

namespace SubscriptionFiles.Api.Consumers;

/// <summary>A metric behind an incentive statement line was published (incentive and metric details).</summary>
public sealed class IncentiveMetricsPublishedConsumer(SubscriptionFilesDbContext db) : IConsumer<IncentiveMetricsPublished>
{
    public async Task Consume(ConsumeContext<IncentiveMetricsPublished> context)
    {
        var e = context.Message;
        await db.Database.ExecuteSqlAsync(
            $"""
            INSERT INTO incentive_metrics (statement_line_id, metric, partner_id, period, incentive_kind, value, formula, published_at)
            VALUES ({e.StatementLineId}, {e.Metric}, {e.PartnerId}, {e.Period}, {e.IncentiveKind}, {e.Value}, {e.Formula}, {e.OccurredAt})
            ON CONFLICT (statement_line_id, metric) DO UPDATE SET value = excluded.value, formula = excluded.formula, published_at = excluded.published_at
            WHERE incentive_metrics.published_at <= excluded.published_at
            """,
            context.CancellationToken);
    }
}

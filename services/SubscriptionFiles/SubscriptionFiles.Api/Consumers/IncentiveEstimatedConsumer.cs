using MassTransit;
using Microsoft.EntityFrameworkCore;
using PartnerPlatform.Contracts.Incentives;
using SubscriptionFiles.Api.Data;

namespace SubscriptionFiles.Api.Consumers;

/// <summary>An incentive statement line was estimated (estimated incentives; incentive lines export). A later estimate replaces an earlier one.</summary>
public sealed class IncentiveEstimatedConsumer(SubscriptionFilesDbContext db) : IConsumer<IncentiveEstimated>
{
    public async Task Consume(ConsumeContext<IncentiveEstimated> context)
    {
        var e = context.Message;
        await db.Database.ExecuteSqlAsync(
            $"""
            INSERT INTO incentive_estimates (statement_line_id, partner_id, period, incentive_kind, amount, currency, estimated_at)
            VALUES ({e.StatementLineId}, {e.PartnerId}, {e.Period}, {e.IncentiveKind}, {e.Amount}, {e.Currency}, {e.OccurredAt})
            ON CONFLICT (statement_line_id) DO UPDATE SET amount = excluded.amount, currency = excluded.currency, estimated_at = excluded.estimated_at
            WHERE incentive_estimates.estimated_at <= excluded.estimated_at
            """,
            context.CancellationToken);
    }
}

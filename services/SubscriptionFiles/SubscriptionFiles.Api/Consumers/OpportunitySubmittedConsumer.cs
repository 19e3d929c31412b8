using MassTransit;
using Microsoft.EntityFrameworkCore;
using PartnerPlatform.Contracts.Opportunities;
using SubscriptionFiles.Api.Data;

namespace SubscriptionFiles.Api.Consumers;

/// <summary>A partner submitted an opportunity: it joins the partner's opportunity list.</summary>
public sealed class OpportunitySubmittedConsumer(SubscriptionFilesDbContext db) : IConsumer<OpportunitySubmitted>
{
    public async Task Consume(ConsumeContext<OpportunitySubmitted> context)
    {
        var e = context.Message;
        await db.Database.ExecuteSqlAsync(
            $"""
            INSERT INTO opportunities (opportunity_id, partner_id, customer_name, customer_industry, customer_region, expected_revenue, currency, expected_order_date, status, submitted_at, last_event_at)
            VALUES ({e.OpportunityId}, {e.PartnerId}, {e.CustomerName}, {e.CustomerIndustry}, {e.CustomerRegion}, {e.ExpectedRevenue}, {e.Currency}, {e.ExpectedOrderDate}, 'submitted', {e.OccurredAt}, {e.OccurredAt})
            ON CONFLICT (opportunity_id) DO NOTHING
            """,
            context.CancellationToken);
    }
}

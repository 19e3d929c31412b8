using Incentives.Api.Data;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using PartnerPlatform.Contracts.Opportunities;

namespace Incentives.Api.Consumers;

/// <summary>
/// A delivered opportunity becomes eligible for a project subsidy application, under the opportunity's id.
/// The event carries no market, so an amount in a currency other than CNY counts as overseas.
/// </summary>
public sealed class OpportunityDeliveredConsumer(IncentivesDbContext db) : IConsumer<OpportunityDelivered>
{
    public async Task Consume(ConsumeContext<OpportunityDelivered> context)
    {
        var e = context.Message;
        var overseas = e.Currency != "CNY";
        await db.Database.ExecuteSqlAsync(
            $"""
            INSERT INTO subsidy_projects (project_id, partner_id, name, annual_cloud_spending, currency, overseas, source, received_at)
            VALUES ({e.OpportunityId}, {e.PartnerId}, '', {e.ExpectedRevenue}, {e.Currency}, {overseas}, 'opportunity_delivered', {e.OccurredAt})
            ON CONFLICT (project_id) DO NOTHING
            """,
            context.CancellationToken);
    }
}

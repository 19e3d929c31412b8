using Incentives.Api.Data;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using PartnerPlatform.Contracts.Opportunities;

namespace Incentives.Api.Consumers;

/// <summary>An approved project becomes eligible for a project subsidy application.</summary>
public sealed class ProjectApprovedConsumer(IncentivesDbContext db) : IConsumer<ProjectApproved>
{
    public async Task Consume(ConsumeContext<ProjectApproved> context)
    {
        var e = context.Message;
        await db.Database.ExecuteSqlAsync(
            $"""
            INSERT INTO subsidy_projects (project_id, partner_id, name, annual_cloud_spending, currency, overseas, source, received_at)
            VALUES ({e.ProjectId}, {e.PartnerId}, {e.ProjectName}, {e.AnnualCloudSpending}, {e.Currency}, {e.Overseas}, 'project_approved', {e.OccurredAt})
            ON CONFLICT (project_id) DO NOTHING
            """,
            context.CancellationToken);
    }
}

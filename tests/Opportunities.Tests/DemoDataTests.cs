using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Opportunities.Api.DemoData;
using Opportunities.Api.Domain;
using Opportunities.Tests.Support;
using PartnerPlatform.Contracts.Identity;

namespace Opportunities.Tests;

/// <summary>The demo data for identity's demo solution provider: a PO in each state, an HO awaiting acceptance, a deal; seeded once.</summary>
public sealed class DemoDataTests(OpportunitiesApiFactory factory) : IClassFixture<OpportunitiesApiFactory>
{
    [Fact]
    public async Task The_demo_solution_provider_gets_a_po_in_each_state_an_ho_to_answer_and_a_deal_once()
    {
        await factory.PublishAsync(new PartnerCoExpansionPlanJoined(DemoPartners.SolutionProvider, factory.Clock.GetUtcNow()));

        async Task<IReadOnlyList<string>> SeedAsync()
        {
            await using var scope = factory.Services.CreateAsyncScope();
            return await ActivatorUtilities.CreateInstance<OpportunitiesDemoData>(scope.ServiceProvider).SeedAsync(Scenario.EventTimeout, CancellationToken.None);
        }

        var report = await SeedAsync();
        Assert.Equal(3, report.Count);

        await using var db = factory.Db();
        var pos = await db.Opportunities.Where(o => o.PartnerId == DemoPartners.SolutionProvider).ToListAsync();
        Assert.All(Enum.GetValues<OpportunityStatus>(), status => Assert.Contains(pos, o => o.Status == status));
        Assert.Contains(pos, o => o.Stage == Stage.Delivered);
        Assert.Contains(pos, o => o.Stage == Stage.Lost);
        var ho = Assert.Single(await db.Handovers.Where(h => h.PartnerId == DemoPartners.SolutionProvider).ToListAsync());
        Assert.Equal(HandoverStatus.Assigned, ho.Status);
        Assert.True(ho.RespondBy > factory.Clock.GetUtcNow());
        Assert.Single(await db.Deals.Where(d => d.PartnerId == DemoPartners.SolutionProvider).ToListAsync());

        Assert.Single(await SeedAsync());
        Assert.Equal(pos.Count, await db.Opportunities.CountAsync(o => o.PartnerId == DemoPartners.SolutionProvider));
    }
}

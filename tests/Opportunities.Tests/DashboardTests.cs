using System.Net;
using Opportunities.Tests.Support;
using PartnerPlatform.Testing;

namespace Opportunities.Tests;

/// <summary>The seed's dashboard over 1 month, 6 months and 1 year.</summary>
public sealed class DashboardTests(OpportunitiesApiFactory factory) : IClassFixture<OpportunitiesApiFactory>
{
    private readonly Scenario _scenario = new(factory);

    [Fact]
    public async Task The_dashboard_counts_pipeline_value_and_conversion_per_window()
    {
        var partner = _scenario.Partner(await _scenario.PcePartnerAsync());
        var solutionId = await _scenario.SolutionAsync(partner);
        var now = new DateTimeOffset(2027, 9, 15, 2, 0, 0, TimeSpan.Zero);

        factory.Clock.SetUtcNow(now.AddMonths(-4));
        await _scenario.DeliveredAsync(partner, solutionId);
        factory.Clock.SetUtcNow(now.AddMonths(-10));
        await _scenario.SubmittedAsync(partner, solutionId, revenue: 50_000m);
        factory.Clock.SetUtcNow(now.AddDays(-3));
        await _scenario.ApprovedAsync(partner, solutionId, revenue: 300_000m);
        await _scenario.SubmittedAsync(partner, solutionId, revenue: 100_000m);
        await _scenario.CreateDraftAsync(partner, Scenario.Draft(solutionId));

        factory.Clock.SetUtcNow(now);
        var month = await Scenario.GetJsonAsync(partner, "/v2/partners/opportunities/dashboard?window=1m");
        Assert.Equal(2, month.GetProperty("count").GetInt32());
        Assert.Equal(400_000m, month.GetProperty("pipeline_value")[0].GetProperty("amount").GetDecimal());
        Assert.Equal(1, month.GetProperty("approved").GetInt32());
        Assert.Equal(0m, month.GetProperty("conversion_rate").GetDecimal());

        var half = await Scenario.GetJsonAsync(partner, "/v2/partners/opportunities/dashboard?window=6m");
        Assert.Equal(3, half.GetProperty("count").GetInt32());
        Assert.Equal(2, half.GetProperty("approved").GetInt32());
        Assert.Equal(1, half.GetProperty("won").GetInt32());
        Assert.Equal(0.5m, half.GetProperty("conversion_rate").GetDecimal());
        Assert.Contains(half.GetProperty("by_stage").EnumerateArray(), s => s.GetProperty("stage").GetString() == "delivered" && s.GetProperty("count").GetInt32() == 1);

        var year = await Scenario.GetJsonAsync(partner, "/v2/partners/opportunities/dashboard?window=1y");
        Assert.Equal(4, year.GetProperty("count").GetInt32());
        Assert.Equal(650_000m, year.GetProperty("pipeline_value")[0].GetProperty("amount").GetDecimal());

        await ProblemAssert.IsProblem(await partner.GetAsync("/v2/partners/opportunities/dashboard?window=2w"), HttpStatusCode.BadRequest, "CBC.0100");
    }
}

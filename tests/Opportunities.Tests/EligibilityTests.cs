using Opportunities.Tests.Support;
using PartnerPlatform.Contracts.Identity;
using PartnerPlatform.Testing;

namespace Opportunities.Tests;

/// <summary>The eligibility read model from identity's events and the partner's own delivered POs, explained condition by condition.</summary>
public sealed class EligibilityTests(OpportunitiesApiFactory factory) : IClassFixture<OpportunitiesApiFactory>
{
    private readonly Scenario _scenario = new(factory);

    [Fact]
    public async Task A_role_certified_partner_is_assignable_while_its_third_delivered_po_is_within_twelve_months()
    {
        var partnerId = await _scenario.PcePartnerAsync();
        var partner = _scenario.Partner(partnerId);
        var solutionId = await _scenario.SolutionAsync(partner);
        await _scenario.PathStageAsync(partnerId, "role_certified");

        // The oldest delivery on 15 Jan 2026, the other two a day later: twelve months after the first, exactly 3 become 2.
        var firstDeliveredAt = new DateTimeOffset(2026, 1, 15, 2, 0, 0, TimeSpan.Zero);
        factory.Clock.SetUtcNow(firstDeliveredAt);
        await _scenario.DeliveredAsync(partner, solutionId);
        factory.Clock.SetUtcNow(firstDeliveredAt.AddDays(1));
        await _scenario.DeliveredAsync(partner, solutionId);
        await _scenario.DeliveredAsync(partner, solutionId);

        var twelveMonthsLater = firstDeliveredAt.AddMonths(12);
        factory.Clock.SetUtcNow(twelveMonthsLater.AddHours(-1));
        await _scenario.SubmittedAsync(partner, solutionId);

        factory.Clock.SetUtcNow(twelveMonthsLater.AddSeconds(-5));
        var within = await Scenario.GetJsonAsync(partner, "/v2/partners/opportunities/eligibility");
        Assert.True(within.GetProperty("can_be_assigned_handovers").GetBoolean(), within.ToString());
        Assert.Equal(3, within.GetProperty("delivered_pos_last12_months").GetInt32());
        var id = await _scenario.HandoverAsync();
        factory.Clock.SetUtcNow(twelveMonthsLater.AddSeconds(-5));
        await _scenario.AssignAsync(id, partnerId);

        factory.Clock.SetUtcNow(twelveMonthsLater.AddSeconds(5));
        var after = await Scenario.GetJsonAsync(_scenario.Vendor(), $"/v2/vendor/opportunities/partners/{partnerId}/eligibility");
        Assert.False(after.GetProperty("can_be_assigned_handovers").GetBoolean());
        Assert.Equal(2, after.GetProperty("delivered_pos_last12_months").GetInt32());
        Assert.Equal("CBC.99002045", after.GetProperty("failed_condition").GetString());
        var pathStage = after.GetProperty("conditions").EnumerateArray().Single(c => c.GetProperty("condition").GetString() == "path_stage");
        Assert.False(pathStage.GetProperty("met").GetBoolean());
        Assert.Contains("2 POs won and delivered", pathStage.GetProperty("detail").GetString());
        var other = await _scenario.HandoverAsync();
        await ProblemAssert.IsProblem(
            await Scenario.PostAsync(_scenario.Vendor(), $"/v2/vendor/opportunities/handovers/{other}/assign", new { partner_id = partnerId }),
            System.Net.HttpStatusCode.Conflict,
            "CBC.99002045");
    }

    [Fact]
    public async Task Eligibility_explains_every_condition_from_identitys_events()
    {
        var partnerId = Guid.NewGuid();
        var partner = _scenario.Partner(partnerId);
        var nothing = await Scenario.GetJsonAsync(partner, "/v2/partners/opportunities/eligibility");
        Assert.False(nothing.GetProperty("can_share_opportunities").GetBoolean());
        Assert.Equal("CBC.99002042", nothing.GetProperty("failed_condition").GetString());
        Assert.All(nothing.GetProperty("conditions").EnumerateArray(), c => Assert.False(c.GetProperty("met").GetBoolean()));

        await factory.PublishAsync(new PartnerCoExpansionPlanJoined(partnerId, factory.Clock.GetUtcNow()));
        await factory.PublishAsync(new PartnerCapabilityTagGranted(partnerId, "data_analytics", factory.Clock.GetUtcNow()));
        await factory.PublishAsync(new PartnerCapabilityTagGranted(partnerId, "data_analytics", factory.Clock.GetUtcNow()));
        await factory.PublishAsync(new PartnerProgrammeJoined(partnerId, "solution_provider", null, factory.Clock.GetUtcNow()));
        await Eventually.HoldsAsync(
            async () =>
            {
                var report = await Scenario.GetJsonAsync(partner, "/v2/partners/opportunities/eligibility");
                return report.GetProperty("can_share_opportunities").GetBoolean()
                    && report.GetProperty("capability_tags").GetArrayLength() == 1
                    && report.GetProperty("programmes").GetArrayLength() == 1;
            },
            Scenario.EventTimeout,
            "PCE, tag and programme reached the read model");

        await factory.PublishAsync(new PartnerProgrammeExpired(partnerId, "solution_provider", factory.Clock.GetUtcNow().AddMinutes(1)));
        await Eventually.HoldsAsync(
            async () => (await Scenario.GetJsonAsync(partner, "/v2/partners/opportunities/eligibility")).GetProperty("programmes").GetArrayLength() == 0,
            Scenario.EventTimeout,
            "the programme ended");
        var report = await Scenario.GetJsonAsync(partner, "/v2/partners/opportunities/eligibility");
        Assert.Equal("CBC.99002043", report.GetProperty("failed_condition").GetString());
    }
}

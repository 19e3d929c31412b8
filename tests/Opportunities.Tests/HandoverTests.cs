using System.Net;
using Opportunities.Tests.Support;
using PartnerPlatform.Contracts.Opportunities;
using PartnerPlatform.Testing;

namespace Opportunities.Tests;

/// <summary>HOs: offering rule sets, committee cases, assignment to eligible partners only, trimmed view, answers and recall.</summary>
public sealed class HandoverTests(OpportunitiesApiFactory factory) : IClassFixture<OpportunitiesApiFactory>
{
    private readonly Scenario _scenario = new(factory);

    [Fact]
    public async Task An_offering_must_fit_its_rule_set()
    {
        var vendor = _scenario.Vendor();
        await ProblemAssert.IsProblem(
            await Scenario.PostAsync(vendor, "/v2/vendor/opportunities/handovers", Scenario.Handover("partner_led_baseline", "data_lake"), key: true),
            HttpStatusCode.BadRequest,
            "CBC.99002040");
        await ProblemAssert.IsProblem(
            await Scenario.PostAsync(vendor, "/v2/vendor/opportunities/handovers", Scenario.Handover("vendor_led_baseline", "custom_portal"), key: true),
            HttpStatusCode.BadRequest,
            "CBC.99002040");
        await ProblemAssert.IsProblem(
            await Scenario.PostAsync(vendor, "/v2/vendor/opportunities/handovers", Scenario.Handover("other", "data_lake"), key: true),
            HttpStatusCode.BadRequest,
            "CBC.99002040");
        await _scenario.HandoverAsync(Scenario.Handover("partner_led_baseline", "saas_ready"));
        await _scenario.HandoverAsync(Scenario.Handover("other", "custom_portal"));
    }

    [Fact]
    public async Task A_committee_case_waits_for_the_committee_before_it_can_be_assigned()
    {
        var partnerId = await _scenario.AssignablePartnerAsync();
        var vendor = _scenario.Vendor();
        var id = await _scenario.HandoverAsync(Scenario.Handover(committeeCase: "several_partners_compete"));
        Assert.Equal("pending_committee", (await Scenario.GetJsonAsync(vendor, $"/v2/vendor/opportunities/handovers/{id}")).GetProperty("status").GetString());

        await ProblemAssert.IsProblem(
            await Scenario.PostAsync(vendor, $"/v2/vendor/opportunities/handovers/{id}/assign", new { partner_id = partnerId }), HttpStatusCode.Conflict, "CBC.99002041");
        var decided = await ProblemAssert.IsSuccess(await Scenario.PostAsync(
            vendor, $"/v2/vendor/opportunities/handovers/{id}/committee-decision", new { approved = true, offering_rule_set = "other", offering = "joint_bid", note = "Decided on 3 Dec." }));
        Assert.Equal("open", decided.GetProperty("status").GetString());
        var assigned = await _scenario.AssignAsync(id, partnerId);
        Assert.Equal("assigned", assigned.GetProperty("status").GetString());
        await ProblemAssert.IsProblem(
            await Scenario.PostAsync(vendor, $"/v2/vendor/opportunities/handovers/{id}/committee-decision", new { approved = false }), HttpStatusCode.Conflict, "CBC.0150");
    }

    [Fact]
    public async Task Assignment_refusals_name_the_failed_condition()
    {
        var vendor = _scenario.Vendor();
        var id = await _scenario.HandoverAsync();
        async Task RefusedAsync(Guid partnerId, string code, string condition)
        {
            var body = await ProblemAssert.IsProblem(
                await Scenario.PostAsync(vendor, $"/v2/vendor/opportunities/handovers/{id}/assign", new { partner_id = partnerId }), HttpStatusCode.Conflict, code);
            Assert.StartsWith(condition, body.GetProperty("error_msg").GetString());
        }

        await RefusedAsync(Guid.NewGuid(), "CBC.99002042", "in_co_expansion_plan");

        var partnerId = await _scenario.PcePartnerAsync();
        await RefusedAsync(partnerId, "CBC.99002043", "shares_and_updates_pos");

        var partner = _scenario.Partner(partnerId);
        await _scenario.SubmittedAsync(partner, await _scenario.SolutionAsync(partner));
        await RefusedAsync(partnerId, "CBC.99002044", "path_stage");

        await _scenario.PathStageAsync(partnerId, "role_certified");
        await RefusedAsync(partnerId, "CBC.99002045", "path_stage");

        await _scenario.PathStageAsync(partnerId, "capability_differentiated");
        await _scenario.AssignAsync(id, partnerId);
        await _scenario.SentAsync<HandoverOpportunityAssigned>(e => e.GetProperty("handoverId").GetGuid() == id);
    }

    [Fact]
    public async Task Before_acceptance_the_partner_sees_the_ho_without_the_contact_and_after_acceptance_with_it_masked()
    {
        var partnerId = await _scenario.AssignablePartnerAsync();
        var partner = _scenario.Partner(partnerId);
        var id = await _scenario.HandoverAsync();
        await _scenario.AssignAsync(id, partnerId);

        var before = await Scenario.GetJsonAsync(partner, $"/v2/partners/opportunities/handovers/{id}");
        Assert.Equal("assigned", before.GetProperty("status").GetString());
        Assert.Equal("Zhongshan Smart Manufacturing", before.GetProperty("customer").GetProperty("name").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, before.GetProperty("contact").ValueKind);
        Assert.DoesNotContain("13800138000", await (await partner.GetAsync($"/v2/partners/opportunities/handovers?limit=100")).Content.ReadAsStringAsync());

        await ProblemAssert.IsProblem(
            await Scenario.PostAsync(partner, $"/v2/partners/opportunities/handovers/{id}/progress", new { stage = "qualified" }), HttpStatusCode.Conflict, "CBC.0150");
        var accepted = await ProblemAssert.IsSuccess(await Scenario.PostAsync(partner, $"/v2/partners/opportunities/handovers/{id}/accept", null));
        Assert.Equal("138****8000", accepted.GetProperty("contact").GetProperty("phone").GetString());
        await ProblemAssert.IsProblem(await Scenario.PostAsync(partner, $"/v2/partners/opportunities/handovers/{id}/accept", null), HttpStatusCode.Conflict, "CBC.0150");

        await ProblemAssert.IsSuccess(await Scenario.PostAsync(partner, $"/v2/partners/opportunities/handovers/{id}/progress", new { stage = "won", note = "Signed." }));
        await ProblemAssert.IsSuccess(await Scenario.PostAsync(_scenario.Vendor(), $"/v2/vendor/opportunities/handovers/{id}/updates", new { note = "Joint visit done." }));
        var history = await Scenario.GetJsonAsync(partner, $"/v2/partners/opportunities/handovers/{id}/history");
        Assert.Contains(history.GetProperty("history").EnumerateArray(), h => h.GetProperty("by_vendor").GetBoolean() && h.GetProperty("note").GetString() == "Joint visit done.");
        await _scenario.SentAsync<HandoverOpportunityAccepted>(e => e.GetProperty("handoverId").GetGuid() == id);
        await _scenario.SentAsync<OpportunityWon>(e => e.GetProperty("opportunityId").GetGuid() == id);
    }

    [Fact]
    public async Task A_rejection_needs_a_reason_and_ends_the_partners_access()
    {
        var partnerId = await _scenario.AssignablePartnerAsync();
        var partner = _scenario.Partner(partnerId);
        var id = await _scenario.HandoverAsync();
        await _scenario.AssignAsync(id, partnerId);

        await ProblemAssert.IsProblem(await Scenario.PostAsync(partner, $"/v2/partners/opportunities/handovers/{id}/reject", new { reason = " " }), HttpStatusCode.BadRequest, "CBC.99002046");
        await ProblemAssert.IsSuccess(await Scenario.PostAsync(partner, $"/v2/partners/opportunities/handovers/{id}/reject", new { reason = "No capacity this quarter." }));
        await ProblemAssert.IsProblem(await partner.GetAsync($"/v2/partners/opportunities/handovers/{id}"), HttpStatusCode.NotFound, "CBC.0156");
        await _scenario.SentAsync<HandoverOpportunityRejected>(e => e.GetProperty("handoverId").GetGuid() == id && e.GetProperty("reason").GetString() == "No capacity this quarter.");
    }

    [Fact]
    public async Task An_ho_left_alone_for_three_working_days_is_recalled_counting_a_make_up_sunday()
    {
        var partnerId = await _scenario.AssignablePartnerAsync();
        var partner = _scenario.Partner(partnerId);
        var id = await _scenario.HandoverAsync();

        // Friday 18 Sep 2026, 10:00 in Shanghai: Sunday 20 Sep is a make-up working day, so the third working day is Tuesday 22 Sep.
        factory.Clock.SetUtcNow(new DateTimeOffset(2026, 9, 18, 2, 0, 0, TimeSpan.Zero));
        var assigned = await _scenario.AssignAsync(id, partnerId);
        Assert.Equal("2026-09-22T15:59:59Z", assigned.GetProperty("due_at").GetString());

        factory.Clock.SetUtcNow(new DateTimeOffset(2026, 9, 22, 15, 59, 58, TimeSpan.Zero));
        await factory.SweepAsync();
        Assert.Equal("assigned", (await Scenario.GetJsonAsync(partner, $"/v2/partners/opportunities/handovers/{id}")).GetProperty("status").GetString());

        factory.Clock.SetUtcNow(new DateTimeOffset(2026, 9, 22, 16, 0, 0, TimeSpan.Zero));
        await factory.SweepAsync();
        await ProblemAssert.IsProblem(await partner.GetAsync($"/v2/partners/opportunities/handovers/{id}"), HttpStatusCode.NotFound, "CBC.0156");
        await ProblemAssert.IsProblem(await Scenario.PostAsync(partner, $"/v2/partners/opportunities/handovers/{id}/accept", null), HttpStatusCode.NotFound, "CBC.0156");
        Assert.Equal("recalled", (await Scenario.GetJsonAsync(_scenario.Vendor(), $"/v2/vendor/opportunities/handovers/{id}")).GetProperty("status").GetString());
        await _scenario.SentAsync<HandoverOpportunityRecalled>(e => e.GetProperty("handoverId").GetGuid() == id);
    }

    [Fact]
    public async Task Accepting_while_the_recall_sweeper_runs_has_exactly_one_winner()
    {
        var partnerId = await _scenario.AssignablePartnerAsync();
        var partner = _scenario.Partner(partnerId);
        factory.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 2, 2, 0, 0, TimeSpan.Zero));
        var ids = new List<Guid>();
        for (var i = 0; i < 12; i++)
        {
            var id = await _scenario.HandoverAsync();
            await _scenario.AssignAsync(id, partnerId);
            ids.Add(id);
        }

        factory.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 20, 2, 0, 0, TimeSpan.Zero));
        var accepts = ids.Select(id => Scenario.PostAsync(partner, $"/v2/partners/opportunities/handovers/{id}/accept", null)).ToList();
        var sweeps = Enumerable.Range(0, 3).Select(_ => factory.SweepAsync()).ToList();
        await Task.WhenAll(sweeps);
        var answers = await Task.WhenAll(accepts);

        var accepted = new List<Guid>();
        for (var i = 0; i < ids.Count; i++)
        {
            if (answers[i].StatusCode == HttpStatusCode.OK)
            {
                accepted.Add(ids[i]);
            }
            else
            {
                await ProblemAssert.IsProblem(answers[i], HttpStatusCode.NotFound, "CBC.0156");
            }
        }

        await using var db = factory.Db();
        var rows = db.Handovers.Where(h => ids.Contains(h.Id)).ToList();
        Assert.All(rows, h => Assert.Equal(
            accepted.Contains(h.Id) ? Opportunities.Api.Domain.HandoverStatus.Accepted : Opportunities.Api.Domain.HandoverStatus.Recalled, h.Status));
        Assert.True(sweeps.Sum(s => s.Result.Recalled) >= ids.Count - accepted.Count);
        Assert.All(ids, id => Assert.Single(db.History.Where(h => h.SubjectId == id && (h.Kind == Opportunities.Api.Domain.HistoryKind.Accepted || h.Kind == Opportunities.Api.Domain.HistoryKind.Recalled))));
    }
}

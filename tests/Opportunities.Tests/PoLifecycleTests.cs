using System.Net;
using Opportunities.Tests.Support;
using PartnerPlatform.Contracts.Opportunities;
using PartnerPlatform.Testing;

namespace Opportunities.Tests;

/// <summary>A PO from draft to delivered while vendor staff review it; the review and progress rules.</summary>
public sealed class PoLifecycleTests(OpportunitiesApiFactory factory) : IClassFixture<OpportunitiesApiFactory>
{
    private readonly Scenario _scenario = new(factory);

    [Fact]
    public async Task A_pce_solution_provider_shares_a_po_that_vendor_staff_review_and_it_progresses_to_delivered()
    {
        var partnerId = await _scenario.PcePartnerAsync();
        var partner = _scenario.Partner(partnerId);
        var vendor = _scenario.Vendor(region: "south");
        var solutionId = await _scenario.SolutionAsync(partner);

        var draft = await _scenario.CreateDraftAsync(partner, Scenario.Draft(solutionId));
        var id = draft.GetProperty("id").GetGuid();
        Assert.Equal("draft", draft.GetProperty("status").GetString());
        Assert.Equal("139****5678", draft.GetProperty("contact").GetProperty("phone").GetString());

        var submitted = await ProblemAssert.IsSuccess(await Scenario.PostAsync(partner, $"/v2/partners/opportunities/{id}/submit", null));
        Assert.Equal("submitted", submitted.GetProperty("status").GetString());
        Assert.Equal("psm:south", submitted.GetProperty("routed_to").GetString());

        var queue = await Scenario.GetJsonAsync(vendor, "/v2/vendor/opportunities/queue?limit=100");
        Assert.Equal("psm:south", queue.GetProperty("queue").GetString());
        Assert.Contains(queue.GetProperty("opportunities").EnumerateArray(), o => o.GetProperty("id").GetGuid() == id);
        var east = await Scenario.GetJsonAsync(_scenario.Vendor(region: "east"), "/v2/vendor/opportunities/queue?limit=100");
        Assert.DoesNotContain(east.GetProperty("opportunities").EnumerateArray(), o => o.GetProperty("id").GetGuid() == id);

        // Changes requested for the budget only; the partner changes it and resubmits.
        await ProblemAssert.IsSuccess(await Scenario.PostAsync(vendor, $"/v2/vendor/opportunities/{id}/request-changes", new { parts = new[] { "budget" }, note = "Budget unclear." }));
        var current = await partner.GetAsync($"/v2/partners/opportunities/{id}");
        var etag = current.Headers.ETag!.Tag;
        var changed = Scenario.Draft(solutionId);
        changed["decision_maker"] = new { name = "Li Na", title = "CEO" };
        await ProblemAssert.IsProblem(
            await Scenario.SendAsync(partner, HttpMethod.Put, $"/v2/partners/opportunities/{id}", changed, ifMatch: etag), HttpStatusCode.Conflict, "CBC.99002016");
        changed = Scenario.Draft(solutionId);
        changed["budget"] = new { amount = 800_000m, currency = "CNY" };
        var edited = await ProblemAssert.IsSuccess(await Scenario.SendAsync(partner, HttpMethod.Put, $"/v2/partners/opportunities/{id}", changed, ifMatch: etag));
        Assert.Equal(800_000m, edited.GetProperty("budget").GetProperty("amount").GetDecimal());
        await ProblemAssert.IsSuccess(await Scenario.PostAsync(partner, $"/v2/partners/opportunities/{id}/submit", null));

        await ProblemAssert.IsSuccess(await Scenario.PostAsync(vendor, $"/v2/vendor/opportunities/{id}/approve", null));
        foreach (var stage in new[] { "qualified", "solution_validation", "business_negotiation", "won" })
        {
            await ProblemAssert.IsSuccess(await Scenario.PostAsync(partner, $"/v2/partners/opportunities/{id}/progress", new { stage, note = $"now {stage}" }));
        }

        await ProblemAssert.IsSuccess(await Scenario.PostAsync(vendor, $"/v2/vendor/opportunities/{id}/updates", new { note = "Vendor account manager met the customer." }));
        var delivered = await ProblemAssert.IsSuccess(await Scenario.PostAsync(partner, $"/v2/partners/opportunities/{id}/progress", new { stage = "delivered", note = "Live." }));
        Assert.Equal("delivered", delivered.GetProperty("stage").GetString());

        var history = (await Scenario.GetJsonAsync(partner, $"/v2/partners/opportunities/{id}/history")).GetProperty("history").EnumerateArray().ToList();
        Assert.Equal(
            ["submitted", "changes_requested", "resubmitted", "approved", "progress", "progress", "progress", "progress", "progress", "progress"],
            history.Select(h => h.GetProperty("kind").GetString()));
        Assert.Contains(history, h => h.GetProperty("by_vendor").GetBoolean() && h.GetProperty("note").GetString() == "Vendor account manager met the customer.");

        Assert.Equal(2, (await _scenario.SentAsync<OpportunitySubmitted>(e => e.GetProperty("opportunityId").GetGuid() == id, atLeast: 2)).Count);
        await _scenario.SentAsync<OpportunityApproved>(e => e.GetProperty("opportunityId").GetGuid() == id);
        await _scenario.SentAsync<OpportunityWon>(e => e.GetProperty("opportunityId").GetGuid() == id);
        var deliveredEvent = Assert.Single(await _scenario.SentAsync<OpportunityDelivered>(e => e.GetProperty("opportunityId").GetGuid() == id));
        Assert.Equal(200_000m, deliveredEvent.GetProperty("expectedRevenue").GetDecimal());
        await _scenario.SentAsync<OpportunityProgressUpdated>(e => e.GetProperty("byVendor").GetBoolean());
    }

    [Fact]
    public async Task A_submitted_po_is_read_only()
    {
        var partner = _scenario.Partner(await _scenario.PcePartnerAsync());
        var solutionId = await _scenario.SolutionAsync(partner);
        var id = await _scenario.SubmittedAsync(partner, solutionId);
        var etag = (await partner.GetAsync($"/v2/partners/opportunities/{id}")).Headers.ETag!.Tag;

        await ProblemAssert.IsProblem(
            await Scenario.SendAsync(partner, HttpMethod.Put, $"/v2/partners/opportunities/{id}", Scenario.Draft(solutionId, 300_000m), ifMatch: etag),
            HttpStatusCode.Conflict,
            "CBC.99002015");
        await ProblemAssert.IsProblem(await Scenario.PostAsync(partner, $"/v2/partners/opportunities/{id}/submit", null), HttpStatusCode.Conflict, "CBC.99002015");
    }

    [Fact]
    public async Task A_draft_update_with_a_stale_etag_is_refused()
    {
        var partner = _scenario.Partner(await _scenario.PcePartnerAsync());
        var solutionId = await _scenario.SolutionAsync(partner);
        var id = (await _scenario.CreateDraftAsync(partner, Scenario.Draft(solutionId))).GetProperty("id").GetGuid();
        var etag = (await partner.GetAsync($"/v2/partners/opportunities/{id}")).Headers.ETag!.Tag;
        await ProblemAssert.IsSuccess(await Scenario.SendAsync(partner, HttpMethod.Put, $"/v2/partners/opportunities/{id}", Scenario.Draft(solutionId, 250_000m), ifMatch: etag));

        await ProblemAssert.IsProblem(
            await Scenario.SendAsync(partner, HttpMethod.Put, $"/v2/partners/opportunities/{id}", Scenario.Draft(solutionId, 260_000m), ifMatch: etag),
            HttpStatusCode.PreconditionFailed,
            "CBC.0157");
    }

    [Fact]
    public async Task Only_pce_partners_create_pos()
    {
        var outsider = _scenario.Partner(Guid.NewGuid());
        await ProblemAssert.IsProblem(
            await Scenario.PostAsync(outsider, "/v2/partners/opportunities", Scenario.Draft(Guid.NewGuid()), key: true), HttpStatusCode.Forbidden, "CBC.99002001");
    }

    [Fact]
    public async Task Creating_a_po_twice_with_one_idempotency_key_creates_it_once()
    {
        var partner = _scenario.Partner(await _scenario.PcePartnerAsync());
        var solutionId = await _scenario.SolutionAsync(partner);
        var key = Guid.NewGuid().ToString("N");
        var first = await ProblemAssert.IsSuccess(await Scenario.PostAsync(partner, "/v2/partners/opportunities", Scenario.Draft(solutionId), idempotencyKey: key), HttpStatusCode.Created);
        var replay = await ProblemAssert.IsSuccess(await Scenario.PostAsync(partner, "/v2/partners/opportunities", Scenario.Draft(solutionId), idempotencyKey: key), HttpStatusCode.Created);
        Assert.Equal(first.GetProperty("id").GetGuid(), replay.GetProperty("id").GetGuid());
        await ProblemAssert.IsProblem(
            await Scenario.PostAsync(partner, "/v2/partners/opportunities", Scenario.Draft(solutionId, 999_000m), idempotencyKey: key),
            HttpStatusCode.UnprocessableEntity,
            "CBC.0158");
        var list = await Scenario.GetJsonAsync(partner, "/v2/partners/opportunities");
        Assert.Equal(1, list.GetProperty("total_count").GetInt64());
    }

    [Fact]
    public async Task Two_reviewers_approving_at_once_approve_once()
    {
        var partner = _scenario.Partner(await _scenario.PcePartnerAsync());
        var id = await _scenario.SubmittedAsync(partner, await _scenario.SolutionAsync(partner));
        var reviewers = Enumerable.Range(0, 8).Select(_ => _scenario.Vendor()).ToList();

        var answers = await Task.WhenAll(reviewers.Select(r => Scenario.PostAsync(r, $"/v2/vendor/opportunities/{id}/approve", null)));

        Assert.Single(answers, a => a.StatusCode == HttpStatusCode.OK);
        foreach (var loser in answers.Where(a => a.StatusCode != HttpStatusCode.OK))
        {
            await ProblemAssert.IsProblem(loser, HttpStatusCode.Conflict, "CBC.0150");
        }

        Assert.Single(await _scenario.SentAsync<OpportunityApproved>(e => e.GetProperty("opportunityId").GetGuid() == id));
        await using var db = factory.Db();
        Assert.Single(db.History.Where(h => h.SubjectId == id && h.Kind == Opportunities.Api.Domain.HistoryKind.Approved));
    }

    [Fact]
    public async Task A_rejection_names_one_of_the_seed_reasons()
    {
        var partner = _scenario.Partner(await _scenario.PcePartnerAsync());
        var id = await _scenario.SubmittedAsync(partner, await _scenario.SolutionAsync(partner));
        var vendor = _scenario.Vendor();

        await ProblemAssert.IsProblem(
            await Scenario.PostAsync(vendor, $"/v2/vendor/opportunities/{id}/reject", new { reason = "does_not_like_it" }), HttpStatusCode.BadRequest, "CBC.99002030");
        var rejected = await ProblemAssert.IsSuccess(await Scenario.PostAsync(vendor, $"/v2/vendor/opportunities/{id}/reject", new { reason = "no_clear_budget_or_timeline" }));
        Assert.Equal("rejected", rejected.GetProperty("status").GetString());
        Assert.Equal("no_clear_budget_or_timeline", rejected.GetProperty("rejection_reason").GetString());
        await _scenario.SentAsync<OpportunityRejected>(e => e.GetProperty("opportunityId").GetGuid() == id && e.GetProperty("reason").GetString() == "no_clear_budget_or_timeline");
        await ProblemAssert.IsProblem(await Scenario.PostAsync(vendor, $"/v2/vendor/opportunities/{id}/approve", null), HttpStatusCode.Conflict, "CBC.0150");
    }

    [Fact]
    public async Task A_change_request_lists_the_parts_to_change()
    {
        var partner = _scenario.Partner(await _scenario.PcePartnerAsync());
        var id = await _scenario.SubmittedAsync(partner, await _scenario.SolutionAsync(partner));
        await ProblemAssert.IsProblem(
            await Scenario.PostAsync(_scenario.Vendor(), $"/v2/vendor/opportunities/{id}/request-changes", new { parts = Array.Empty<string>(), note = "x" }),
            HttpStatusCode.BadRequest,
            "CBC.99002031");
    }

    [Fact]
    public async Task Progress_moves_forward_and_a_lost_po_needs_a_reason()
    {
        var partner = _scenario.Partner(await _scenario.PcePartnerAsync());
        var solutionId = await _scenario.SolutionAsync(partner);
        var submitted = await _scenario.SubmittedAsync(partner, solutionId);
        await ProblemAssert.IsProblem(
            await Scenario.PostAsync(partner, $"/v2/partners/opportunities/{submitted}/progress", new { stage = "qualified" }), HttpStatusCode.Conflict, "CBC.0150");

        var id = await _scenario.ApprovedAsync(partner, solutionId);
        await ProblemAssert.IsSuccess(await Scenario.PostAsync(partner, $"/v2/partners/opportunities/{id}/progress", new { stage = "business_negotiation" }));
        await ProblemAssert.IsProblem(
            await Scenario.PostAsync(partner, $"/v2/partners/opportunities/{id}/progress", new { stage = "qualified" }), HttpStatusCode.Conflict, "CBC.99002032");
        await ProblemAssert.IsProblem(
            await Scenario.PostAsync(partner, $"/v2/partners/opportunities/{id}/progress", new { stage = "delivered" }), HttpStatusCode.Conflict, "CBC.99002032");
        await ProblemAssert.IsProblem(
            await Scenario.PostAsync(partner, $"/v2/partners/opportunities/{id}/progress", new { stage = "lost" }), HttpStatusCode.BadRequest, "CBC.99002033");
        await ProblemAssert.IsSuccess(await Scenario.PostAsync(partner, $"/v2/partners/opportunities/{id}/progress", new { stage = "lost", note = "Customer built it in-house." }));
        await _scenario.SentAsync<OpportunityLost>(e => e.GetProperty("opportunityId").GetGuid() == id);
        await ProblemAssert.IsProblem(
            await Scenario.PostAsync(partner, $"/v2/partners/opportunities/{id}/progress", new { note = "still there?" }), HttpStatusCode.Conflict, "CBC.99002032");
    }
}

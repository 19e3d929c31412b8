using System.Net;
using Microsoft.EntityFrameworkCore;
using Opportunities.Api.Domain;
using Opportunities.Tests.Support;
using PartnerPlatform.Contracts.Opportunities;
using PartnerPlatform.Messaging.Outbox;
using PartnerPlatform.Testing;

namespace Opportunities.Tests;

/// <summary>The PO validation SLA: 10 working days on the region's calendar, then validation_expired by the sweeper.</summary>
public sealed class SlaTests(OpportunitiesApiFactory factory) : IClassFixture<OpportunitiesApiFactory>
{
    private readonly Scenario _scenario = new(factory);

    [Fact]
    public async Task A_po_submitted_before_the_spring_festival_expires_after_ten_working_days_counting_the_make_up_days()
    {
        var partner = _scenario.Partner(await _scenario.PcePartnerAsync());
        var solutionId = await _scenario.SolutionAsync(partner);

        // Thursday 12 Feb 2026, 10:00 in Shanghai. Working days: 13 Feb, 14 Feb (make-up Saturday), then after the
        // holiday 15–23 Feb: 24, 25, 26, 27 Feb, 28 Feb (make-up Saturday), 2, 3, 4 Mar.
        factory.Clock.SetUtcNow(new DateTimeOffset(2026, 2, 12, 2, 0, 0, TimeSpan.Zero));
        var id = await _scenario.SubmittedAsync(partner, solutionId);
        var po = await Scenario.GetJsonAsync(partner, $"/v2/partners/opportunities/{id}");
        Assert.Equal("2026-03-04T15:59:59Z", po.GetProperty("due_at").GetString());

        factory.Clock.SetUtcNow(new DateTimeOffset(2026, 3, 4, 15, 59, 58, TimeSpan.Zero));
        await factory.SweepAsync();
        Assert.Equal("submitted", (await Scenario.GetJsonAsync(partner, $"/v2/partners/opportunities/{id}")).GetProperty("status").GetString());

        factory.Clock.SetUtcNow(new DateTimeOffset(2026, 3, 4, 16, 0, 0, TimeSpan.Zero));
        var (expired, _) = await factory.SweepAsync();
        Assert.True(expired >= 1);
        Assert.Equal("validation_expired", (await Scenario.GetJsonAsync(partner, $"/v2/partners/opportunities/{id}")).GetProperty("status").GetString());
        await ProblemAssert.IsProblem(await Scenario.PostAsync(_scenario.Vendor(), $"/v2/vendor/opportunities/{id}/approve", null), HttpStatusCode.Conflict, "CBC.0150");
        var history = await Scenario.GetJsonAsync(partner, $"/v2/partners/opportunities/{id}/history");
        Assert.Equal("validation_expired", history.GetProperty("history").EnumerateArray().Last().GetProperty("kind").GetString());
        var queue = await Scenario.GetJsonAsync(_scenario.Vendor(region: "south"), "/v2/vendor/opportunities/queue?limit=100");
        Assert.DoesNotContain(queue.GetProperty("opportunities").EnumerateArray(), o => o.GetProperty("id").GetGuid() == id);

        var sent = Assert.Single(await _scenario.SentAsync<OpportunityValidationExpired>(e => e.GetProperty("opportunityId").GetGuid() == id));
        Assert.Equal("psm:south", sent.GetProperty("routedTo").GetString());
        Assert.Equal(new DateTimeOffset(2026, 3, 4, 15, 59, 59, TimeSpan.Zero), sent.GetProperty("validateBy").GetDateTimeOffset());
        var sweptAt = new DateTimeOffset(2026, 3, 4, 16, 0, 0, TimeSpan.Zero);
        Assert.InRange(sent.GetProperty("occurredAt").GetDateTimeOffset(), sweptAt, sweptAt.AddMinutes(1));
    }

    /// <summary>Submission instants (UTC) around the 2026 Spring Festival, National Day and the 2027 Spring Festival; the due instant ends the 10th working day in Shanghai.</summary>
    [Theory]
    [InlineData("2026-02-13T15:30:00Z", "2026-03-05T15:59:59Z")] // Friday 23:30 in Shanghai: 14 Feb (make-up Saturday) is the first working day.
    [InlineData("2026-02-13T16:30:00Z", "2026-03-06T15:59:59Z")] // already the make-up Saturday in Shanghai: that day does not count.
    [InlineData("2026-02-17T02:00:00Z", "2026-03-06T15:59:59Z")] // inside the holiday: counting starts on 24 Feb, 28 Feb (make-up Saturday) counts.
    [InlineData("2026-09-18T02:00:00Z", "2026-10-09T15:59:59Z")] // Sunday 20 Sep (make-up) counts; Mid-Autumn and National Day do not.
    [InlineData("2026-09-21T02:00:00Z", "2026-10-12T15:59:59Z")] // Saturday 10 Oct (make-up) is the 9th working day.
    [InlineData("2027-01-25T02:00:00Z", "2027-02-14T15:59:59Z")] // 31 Jan and 14 Feb 2027 (make-up Sundays): due on a Sunday.
    public async Task The_validation_deadline_counts_holidays_off_and_make_up_days_on(string submittedAt, string dueAt)
    {
        var partner = _scenario.Partner(await _scenario.PcePartnerAsync());
        var solutionId = await _scenario.SolutionAsync(partner);
        factory.Clock.SetUtcNow(DateTimeOffset.Parse(submittedAt, System.Globalization.CultureInfo.InvariantCulture));

        var id = await _scenario.SubmittedAsync(partner, solutionId);

        Assert.Equal(dueAt, (await Scenario.GetJsonAsync(partner, $"/v2/partners/opportunities/{id}")).GetProperty("due_at").GetString());
        var sent = Assert.Single(await _scenario.SentAsync<OpportunitySubmitted>(e => e.GetProperty("opportunityId").GetGuid() == id));
        Assert.Equal(DateTimeOffset.Parse(dueAt, System.Globalization.CultureInfo.InvariantCulture), sent.GetProperty("validateBy").GetDateTimeOffset());
    }

    [Fact]
    public async Task A_po_reviewed_before_its_deadline_is_not_expired_and_sweepers_in_parallel_expire_each_po_once()
    {
        var partner = _scenario.Partner(await _scenario.PcePartnerAsync());
        var solutionId = await _scenario.SolutionAsync(partner);
        factory.Clock.SetUtcNow(new DateTimeOffset(2026, 5, 11, 2, 0, 0, TimeSpan.Zero));
        var approved = await _scenario.ApprovedAsync(partner, solutionId);
        var ids = new List<Guid>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add(await _scenario.SubmittedAsync(partner, solutionId));
        }

        factory.Clock.SetUtcNow(new DateTimeOffset(2026, 6, 30, 0, 0, 0, TimeSpan.Zero));
        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => factory.SweepAsync()));

        Assert.True(results.Sum(r => r.Expired) >= 5);
        Assert.Equal("approved", (await Scenario.GetJsonAsync(partner, $"/v2/partners/opportunities/{approved}")).GetProperty("status").GetString());
        await using var db = factory.Db();
        Assert.Equal(5, db.History.Count(h => ids.Contains(h.SubjectId) && h.Kind == HistoryKind.ValidationExpired));
        var expiredEvents = await _scenario.SentAsync<OpportunityValidationExpired>(e => ids.Contains(e.GetProperty("opportunityId").GetGuid()), atLeast: 5);
        Assert.Equal(5, expiredEvents.Count);
        var payloads = await db.Set<OutboxMessage>().AsNoTracking().Where(m => m.MessageType.Contains(nameof(OpportunityValidationExpired))).Select(m => m.Payload).ToListAsync();
        Assert.DoesNotContain(payloads, p => p.Contains(approved.ToString(), StringComparison.Ordinal));
    }

    [Fact]
    public async Task Reviewing_while_the_sweeper_expires_has_exactly_one_outcome_per_po()
    {
        var partner = _scenario.Partner(await _scenario.PcePartnerAsync());
        var solutionId = await _scenario.SolutionAsync(partner);
        factory.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 2, 2, 0, 0, TimeSpan.Zero));
        var ids = new List<Guid>();
        for (var i = 0; i < 10; i++)
        {
            ids.Add(await _scenario.SubmittedAsync(partner, solutionId));
        }

        factory.Clock.SetUtcNow(new DateTimeOffset(2026, 12, 1, 2, 0, 0, TimeSpan.Zero));
        var vendor = _scenario.Vendor();
        var approvals = ids.Select(id => Scenario.PostAsync(vendor, $"/v2/vendor/opportunities/{id}/approve", null)).ToList();
        var sweeps = Enumerable.Range(0, 2).Select(_ => factory.SweepAsync()).ToList();
        var answers = await Task.WhenAll(approvals);
        await Task.WhenAll(sweeps);

        await using var db = factory.Db();
        var rows = await db.Opportunities.AsNoTracking().Where(o => ids.Contains(o.Id)).ToDictionaryAsync(o => o.Id);
        for (var i = 0; i < ids.Count; i++)
        {
            var expected = answers[i].StatusCode == HttpStatusCode.OK ? OpportunityStatus.Approved : OpportunityStatus.ValidationExpired;
            if (expected == OpportunityStatus.ValidationExpired)
            {
                await ProblemAssert.IsProblem(answers[i], HttpStatusCode.Conflict, "CBC.0150");
            }

            Assert.Equal(expected, rows[ids[i]].Status);
            Assert.Single(await db.History.Where(h => h.SubjectId == ids[i] && (h.Kind == HistoryKind.Approved || h.Kind == HistoryKind.ValidationExpired)).ToListAsync());
        }
    }

    [Fact]
    public async Task A_deadline_beyond_the_loaded_calendar_years_is_refused_with_a_code_and_changes_nothing()
    {
        // Friday 10 Dec 2027: the 10th working day is Friday 24 Dec, still in 2027.
        factory.Clock.SetUtcNow(new DateTimeOffset(2027, 12, 10, 2, 0, 0, TimeSpan.Zero));
        var partnerId = await _scenario.PcePartnerAsync();
        var partner = _scenario.Partner(partnerId);
        var solutionId = await _scenario.SolutionAsync(partner);
        var inside = await _scenario.SubmittedAsync(partner, solutionId);
        Assert.Equal("2027-12-24T15:59:59Z", (await Scenario.GetJsonAsync(partner, $"/v2/partners/opportunities/{inside}")).GetProperty("due_at").GetString());
        await _scenario.PathStageAsync(partnerId, "capability_differentiated");

        // Friday 24 Dec 2027: the 10th working day would be in 2028, which no calendar file covers.
        factory.Clock.SetUtcNow(new DateTimeOffset(2027, 12, 24, 2, 0, 0, TimeSpan.Zero));
        var draftId = (await _scenario.CreateDraftAsync(partner, Scenario.Draft(solutionId))).GetProperty("id").GetGuid();
        var refused = await ProblemAssert.IsProblem(
            await Scenario.PostAsync(partner, $"/v2/partners/opportunities/{draftId}/submit", null), HttpStatusCode.ServiceUnavailable, "CBC.99002070");
        Assert.Contains("2028", refused.GetProperty("error_msg").GetString());
        var draft = await Scenario.GetJsonAsync(partner, $"/v2/partners/opportunities/{draftId}");
        Assert.Equal("draft", draft.GetProperty("status").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, draft.GetProperty("due_at").ValueKind);

        // Wednesday 29 Dec 2027: an HO's third working day would be in 2028.
        factory.Clock.SetUtcNow(new DateTimeOffset(2027, 12, 29, 2, 0, 0, TimeSpan.Zero));
        var handoverId = await _scenario.HandoverAsync();
        await ProblemAssert.IsProblem(
            await Scenario.PostAsync(_scenario.Vendor(), $"/v2/vendor/opportunities/handovers/{handoverId}/assign", new { partner_id = partnerId }),
            HttpStatusCode.ServiceUnavailable,
            "CBC.99002070");
        Assert.Equal("open", (await Scenario.GetJsonAsync(_scenario.Vendor(), $"/v2/vendor/opportunities/handovers/{handoverId}")).GetProperty("status").GetString());

        await using var db = factory.Db();
        var payloads = await db.Set<OutboxMessage>().AsNoTracking().Select(m => m.Payload).ToListAsync();
        Assert.DoesNotContain(payloads, p => p.Contains(draftId.ToString(), StringComparison.Ordinal));
        Assert.DoesNotContain(payloads, p => p.Contains(handoverId.ToString(), StringComparison.Ordinal));
        Assert.False(await db.History.AnyAsync(h => h.SubjectId == draftId || (h.SubjectId == handoverId && h.Kind == HistoryKind.Assigned)));
    }
}

/// <summary>The validation SLA is configurable (<c>Opportunities:ValidationWorkingDays</c>).</summary>
public sealed class ConfiguredSlaTests(ConfiguredSlaTests.ThreeDayValidationFactory factory) : IClassFixture<ConfiguredSlaTests.ThreeDayValidationFactory>
{
    private readonly Scenario _scenario = new(factory);

    [Fact]
    public async Task A_three_working_day_validation_sla_expires_on_the_third_working_day_and_a_resubmission_starts_it_again()
    {
        var partner = _scenario.Partner(await _scenario.PcePartnerAsync());
        var solutionId = await _scenario.SolutionAsync(partner);

        // Thursday 12 Feb 2026, 10:00 in Shanghai: 13 Feb, 14 Feb (make-up Saturday), then 24 Feb after the Spring Festival.
        factory.Clock.SetUtcNow(new DateTimeOffset(2026, 2, 12, 2, 0, 0, TimeSpan.Zero));
        var id = await _scenario.SubmittedAsync(partner, solutionId);
        Assert.Equal("2026-02-24T15:59:59Z", (await Scenario.GetJsonAsync(partner, $"/v2/partners/opportunities/{id}")).GetProperty("due_at").GetString());

        // Changes requested on Friday 13 Feb, resubmitted on the make-up Saturday: due three working days after 14 Feb.
        factory.Clock.SetUtcNow(new DateTimeOffset(2026, 2, 13, 2, 0, 0, TimeSpan.Zero));
        await ProblemAssert.IsSuccess(await Scenario.PostAsync(_scenario.Vendor(), $"/v2/vendor/opportunities/{id}/request-changes", new { parts = new[] { "budget" }, note = "Budget?" }));
        factory.Clock.SetUtcNow(new DateTimeOffset(2026, 2, 14, 2, 0, 0, TimeSpan.Zero));
        var resubmitted = await ProblemAssert.IsSuccess(await Scenario.PostAsync(partner, $"/v2/partners/opportunities/{id}/submit", null));
        Assert.Equal("2026-02-26T15:59:59Z", resubmitted.GetProperty("due_at").GetString());

        factory.Clock.SetUtcNow(new DateTimeOffset(2026, 2, 25, 0, 0, 0, TimeSpan.Zero));
        Assert.Equal(0, (await factory.SweepAsync()).Expired);
        factory.Clock.SetUtcNow(new DateTimeOffset(2026, 2, 26, 16, 0, 0, TimeSpan.Zero));
        Assert.Equal(1, (await factory.SweepAsync()).Expired);
        Assert.Equal("validation_expired", (await Scenario.GetJsonAsync(partner, $"/v2/partners/opportunities/{id}")).GetProperty("status").GetString());
        await _scenario.SentAsync<OpportunityValidationExpired>(e => e.GetProperty("opportunityId").GetGuid() == id);
    }

    /// <summary>opportunities-api with a validation SLA of 3 working days.</summary>
    public sealed class ThreeDayValidationFactory : OpportunitiesApiFactory
    {
        protected override IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string> { ["ValidationWorkingDays"] = "3" };
    }
}

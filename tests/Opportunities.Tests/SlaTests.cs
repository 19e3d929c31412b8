using System.Net;
using Opportunities.Tests.Support;
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
        Assert.Equal(5, db.History.Count(h => ids.Contains(h.SubjectId) && h.Kind == Opportunities.Api.Domain.HistoryKind.ValidationExpired));
    }
}

using System.Net;
using Incentives.Api.Domain;
using Incentives.Tests.Support;
using Microsoft.EntityFrameworkCore;
using PartnerPlatform.Testing;

namespace Incentives.Tests;

[Collection(IncentivesCollection.Name)]
public sealed class PaymentApplicationTests(IncentivesApiFactory api)
{
    private const string Path = "/v2/partners/incentives/fh/payment-applications";

    [Fact]
    public async Task A_payment_needs_the_business_information_certified()
    {
        var scenario = new Scenario(api);
        api.Clock.SetUtcNow(new DateTimeOffset(2026, 10, 9, 2, 0, 0, TimeSpan.Zero));
        await Arrange.PassedQuarterAsync(api, scenario.PartnerId, new DateOnly(2026, 7, 1));
        using var partner = scenario.Partner();
        await ProblemAssert.IsProblem(await partner.PostJsonAsync(Path, new { quarter = "2026-Q3" }), HttpStatusCode.Forbidden, "CBC.99018034");
    }

    [Fact]
    public async Task A_quarter_is_applied_for_from_the_first_day_of_the_next_quarter_in_China_time()
    {
        var scenario = new Scenario(api);
        await scenario.BusinessInfoCertifiedAsync();
        await Arrange.PassedQuarterAsync(api, scenario.PartnerId, new DateOnly(2026, 7, 1));
        using var partner = scenario.Partner();

        // 30 September 23:59 in Shanghai.
        api.Clock.SetUtcNow(new DateTimeOffset(2026, 9, 30, 15, 59, 0, TimeSpan.Zero));
        await ProblemAssert.IsProblem(await partner.PostJsonAsync(Path, new { quarter = "2026-Q3" }), HttpStatusCode.Conflict, "CBC.99018030");

        // 1 October 00:00 in Shanghai is still 30 September in UTC.
        api.Clock.SetUtcNow(new DateTimeOffset(2026, 9, 30, 16, 0, 1, TimeSpan.Zero));
        var applied = await partner.PostOkAsync(Path, new { quarter = "2026-Q3" }, HttpStatusCode.Created);
        Assert.Equal(3000m, applied.Decimal("amount"));
        await ProblemAssert.IsProblem(await partner.PostJsonAsync(Path, new { quarter = "2026-Q5" }), HttpStatusCode.BadRequest, "CBC.0100");
    }

    [Fact]
    public async Task An_open_month_refuses_the_payment_until_the_partner_gives_it_up()
    {
        var scenario = new Scenario(api);
        await scenario.BusinessInfoCertifiedAsync();
        api.Clock.SetUtcNow(new DateTimeOffset(2026, 7, 2, 2, 0, 0, TimeSpan.Zero));
        var ids = await Arrange.QuarterAsync(api, scenario.PartnerId, new DateOnly(2026, 4, 1), MonthlyListStatus.Passed, MonthlyListStatus.Passed, MonthlyListStatus.AwaitingVerification);
        using var partner = scenario.Partner();
        await ProblemAssert.IsProblem(await partner.PostJsonAsync(Path, new { quarter = "2026-Q2" }), HttpStatusCode.Conflict, "CBC.99018031");

        await partner.PostOkAsync($"/v2/partners/incentives/fh/monthly-lists/{ids[2]}/give-up");
        var applied = await partner.PostOkAsync(Path, new { quarter = "2026-Q2" }, HttpStatusCode.Created);
        Assert.Equal(2000m, applied.Decimal("amount"));
        Assert.Contains(await api.PayloadsAsync("IncentiveVoided"), p => p.Contains(ids[2].ToString(), StringComparison.Ordinal) && p.Contains("given_up", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_month_in_first_review_refuses_the_payment()
    {
        var scenario = new Scenario(api);
        await scenario.BusinessInfoCertifiedAsync();
        api.Clock.SetUtcNow(new DateTimeOffset(2026, 7, 2, 2, 0, 0, TimeSpan.Zero));
        await Arrange.QuarterAsync(api, scenario.PartnerId, new DateOnly(2026, 4, 1), MonthlyListStatus.Passed, MonthlyListStatus.InFirstReview, MonthlyListStatus.Rejected);
        using var partner = scenario.Partner();
        await ProblemAssert.IsProblem(await partner.PostJsonAsync(Path, new { quarter = "2026-Q2" }), HttpStatusCode.Conflict, "CBC.99018032");
    }

    [Fact]
    public async Task A_quarter_with_no_passed_month_has_nothing_to_pay()
    {
        var scenario = new Scenario(api);
        await scenario.BusinessInfoCertifiedAsync();
        api.Clock.SetUtcNow(new DateTimeOffset(2026, 7, 2, 2, 0, 0, TimeSpan.Zero));
        await Arrange.QuarterAsync(api, scenario.PartnerId, new DateOnly(2026, 4, 1), MonthlyListStatus.Rejected, MonthlyListStatus.Void);
        using var partner = scenario.Partner();
        await ProblemAssert.IsProblem(await partner.PostJsonAsync(Path, new { quarter = "2026-Q2" }), HttpStatusCode.Conflict, "CBC.99018033");
    }

    [Fact]
    public async Task Eight_simultaneous_applications_for_one_quarter_make_exactly_one()
    {
        var scenario = new Scenario(api);
        await scenario.BusinessInfoCertifiedAsync();
        api.Clock.SetUtcNow(new DateTimeOffset(2026, 7, 2, 2, 0, 0, TimeSpan.Zero));
        await Arrange.PassedQuarterAsync(api, scenario.PartnerId, new DateOnly(2026, 4, 1));
        var clients = Enumerable.Range(0, 8).Select(_ => scenario.Partner()).ToList();
        var responses = await Task.WhenAll(clients.Select(c => c.PostJsonAsync(Path, new { quarter = "2026-Q2" })));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
        foreach (var refused in responses.Where(r => r.StatusCode != HttpStatusCode.Created))
        {
            await ProblemAssert.IsProblem(refused, HttpStatusCode.Conflict, "CBC.99018035");
        }

        await using var db = api.Db();
        Assert.Equal(1, await db.PaymentApplications.CountAsync(a => a.PartnerId == scenario.PartnerId));
        Assert.Single(await api.PayloadsAsync("PaymentApplied"), p => p.Contains(scenario.PartnerId.ToString(), StringComparison.Ordinal));
        clients.ForEach(c => c.Dispose());
    }

    [Fact]
    public async Task A_retried_application_with_the_same_idempotency_key_answers_the_first_result()
    {
        var scenario = new Scenario(api);
        await scenario.BusinessInfoCertifiedAsync();
        api.Clock.SetUtcNow(new DateTimeOffset(2026, 7, 2, 2, 0, 0, TimeSpan.Zero));
        await Arrange.PassedQuarterAsync(api, scenario.PartnerId, new DateOnly(2026, 4, 1));
        using var partner = scenario.Partner();
        var key = Guid.NewGuid().ToString("N");
        var first = await partner.PostJsonAsync(Path, new { quarter = "2026-Q2" }, key);
        var retry = await partner.PostJsonAsync(Path, new { quarter = "2026-Q2" }, key);

        var created = await ProblemAssert.IsSuccess(first, HttpStatusCode.Created);
        var replayed = await ProblemAssert.IsSuccess(retry, HttpStatusCode.Created);
        Assert.Equal(created.GetProperty("id").GetGuid(), replayed.GetProperty("id").GetGuid());
        Assert.Equal("true", retry.Headers.GetValues("Idempotent-Replayed").Single());
    }
}

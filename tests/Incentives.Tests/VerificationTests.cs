using System.Net;
using Incentives.Api.Application;
using Incentives.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using PartnerPlatform.Testing;

namespace Incentives.Tests;

[Collection(IncentivesCollection.Name)]
public sealed class VerificationTests(IncentivesApiFactory api)
{
    [Fact]
    public async Task A_month_is_verifiable_until_the_end_of_the_14th_working_day_and_void_after_it()
    {
        // Monday 28 September 2026, 10:00 in Shanghai; National Day (1–7 October) is off, Saturday 10 October is worked.
        var generatedAt = new DateTimeOffset(2026, 9, 28, 2, 0, 0, TimeSpan.Zero);
        var first = new Scenario(api);
        var second = new Scenario(api);
        api.Clock.SetUtcNow(generatedAt.AddMonths(-2));
        await first.EnrolledWithStaffAsync(1000m);
        await second.EnrolledWithStaffAsync(2000m);
        api.Clock.SetUtcNow(generatedAt);
        await api.Services.GetRequiredService<MonthlyListGeneration>().GenerateAsync(new DateOnly(2026, 8, 1));

        var firstList = await OnlyListAsync(first);
        var secondList = await OnlyListAsync(second);
        Assert.Equal("2026-10-22T15:59:59Z", firstList.Text("verify_by"));

        api.Clock.SetUtcNow(new DateTimeOffset(2026, 10, 22, 15, 0, 0, TimeSpan.Zero));
        using (var partner = first.Partner())
        {
            var path = $"/v2/partners/incentives/fh/monthly-lists/{firstList.Id()}/verification";
            await ProblemAssert.IsProblem(await partner.PostJsonAsync(path, new { staff_count = 1, total_amount = 999m, materials = new[] { "a.pdf" } }), HttpStatusCode.BadRequest, "CBC.99018022");
            await ProblemAssert.IsProblem(await partner.PostJsonAsync(path, new { staff_count = 1, total_amount = 1000m, materials = Array.Empty<string>() }), HttpStatusCode.BadRequest, "CBC.99018023");
            // The last seconds of the 14th working day (the clock keeps ticking from here; the request takes well under a second).
            api.Clock.SetUtcNow(new DateTimeOffset(2026, 10, 22, 15, 59, 58, TimeSpan.Zero));
            var verified = await partner.PostOkAsync(path, new { staff_count = 1, total_amount = 1000m, materials = new[] { "a.pdf" } });
            Assert.Equal("in_first_review", verified.Text("status"));
            await ProblemAssert.IsProblem(await partner.PostJsonAsync(path, new { staff_count = 1, total_amount = 1000m, materials = new[] { "a.pdf" } }), HttpStatusCode.Conflict, "CBC.99018020");
        }

        var expiry = api.Services.GetRequiredService<VerificationExpiry>();
        await expiry.SweepAsync();
        Assert.Equal("awaiting_verification", (await OnlyListAsync(second)).Text("status"));

        api.Clock.SetUtcNow(new DateTimeOffset(2026, 10, 22, 16, 0, 0, TimeSpan.Zero));
        using (var partner = second.Partner())
        {
            await ProblemAssert.IsProblem(
                await partner.PostJsonAsync($"/v2/partners/incentives/fh/monthly-lists/{secondList.Id()}/verification", new { staff_count = 1, total_amount = 2000m, materials = new[] { "b.pdf" } }),
                HttpStatusCode.Conflict, "CBC.99018021");
        }

        Assert.True(await expiry.SweepAsync() >= 1);
        var voided = await OnlyListAsync(second);
        Assert.Equal("void", voided.Text("status"));
        Assert.Equal("verification_expired", voided.Text("void_reason"));
        Assert.Contains(await api.PayloadsAsync("IncentiveVoided"), p => p.Contains(secondList.Id().ToString(), StringComparison.Ordinal));
        Assert.Equal("in_first_review", (await OnlyListAsync(first)).Text("status"));
        Assert.Equal(0, await expiry.SweepAsync());
    }

    [Fact]
    public async Task First_review_passes_or_rejects_only_a_verified_month()
    {
        var scenario = new Scenario(api);
        api.Clock.SetUtcNow(new DateTimeOffset(2026, 3, 2, 2, 0, 0, TimeSpan.Zero));
        var ids = await Arrange.QuarterAsync(api, scenario.PartnerId, new DateOnly(2026, 1, 1), Incentives.Api.Domain.MonthlyListStatus.AwaitingVerification, Incentives.Api.Domain.MonthlyListStatus.AwaitingVerification);
        using var vendor = scenario.Vendor();
        using var partner = scenario.Partner();
        await ProblemAssert.IsProblem(await vendor.PostJsonAsync($"/v2/vendor/incentives/fh/monthly-lists/{ids[0]}/review", new { approve = true }), HttpStatusCode.Conflict, "CBC.99018024");

        await partner.PostOkAsync($"/v2/partners/incentives/fh/monthly-lists/{ids[0]}/verification", new { staff_count = 1, total_amount = 1000m, materials = new[] { "a.pdf" } });
        var rejected = await vendor.PostOkAsync($"/v2/vendor/incentives/fh/monthly-lists/{ids[0]}/review", new { approve = false, remark = "attendance missing" });
        Assert.Equal("rejected", rejected.Text("status"));

        var givenUp = await partner.PostOkAsync($"/v2/partners/incentives/fh/monthly-lists/{ids[1]}/give-up");
        Assert.Equal("given_up", givenUp.Text("void_reason"));
        await ProblemAssert.IsProblem(await partner.PostJsonAsync($"/v2/partners/incentives/fh/monthly-lists/{ids[1]}/give-up"), HttpStatusCode.Conflict, "CBC.99018020");
    }

    private async Task<System.Text.Json.JsonElement> OnlyListAsync(Scenario scenario)
    {
        using var partner = scenario.Partner();
        var lists = await partner.GetOkAsync("/v2/partners/incentives/fh/monthly-lists");
        return Assert.Single(lists.GetProperty("monthly_lists").EnumerateArray());
    }
}

using System.Net;
using Incentives.Api.DemoData;
using Incentives.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using PartnerPlatform.ServiceDefaults;

namespace Incentives.Tests;

[Collection(IncentivesCollection.Name)]
public sealed class DemoDataTests(IncentivesApiFactory api)
{
    [Fact]
    public async Task The_demo_partner_has_a_month_to_verify_a_quarter_ready_for_payment_a_disputed_line_and_MDF_applications_and_seeding_twice_changes_nothing()
    {
        api.Clock.SetUtcNow(new DateTimeOffset(2026, 12, 6, 2, 0, 0, TimeSpan.Zero));
        foreach (var _ in new[] { 1, 2 })
        {
            await using var scope = api.Services.CreateAsyncScope();
            await ActivatorUtilities.CreateInstance<IncentivesDemoData>(scope.ServiceProvider).SeedAsync(CancellationToken.None);
        }

        var caller = new CurrentCaller { IsAuthenticated = true, UserId = "demo", PartnerId = DemoPartners.SolutionProvider.ToString() };
        using var partner = api.CreateCallerClient(caller);
        var open = await partner.GetOkAsync("/v2/partners/incentives/fh/monthly-lists?status=awaiting_verification");
        Assert.Equal("2026-11", Assert.Single(open.GetProperty("monthly_lists").EnumerateArray()).Text("month"));

        var applied = await partner.PostOkAsync("/v2/partners/incentives/fh/payment-applications", new { quarter = "2026-Q3" }, HttpStatusCode.Created);
        Assert.Equal(43500m, applied.Decimal("amount"));

        var disputed = await partner.GetOkAsync($"/v2/partners/incentives/statement-lines/{IncentivesDemoData.DisputedLine}");
        Assert.Equal("pending_confirmation", disputed.Text("status"));
        Assert.NotNull(disputed.GetProperty("feedback_at").GetString());

        var mdf = (await partner.GetOkAsync("/v2/partners/incentives/mdf/applications")).GetProperty("mdf_applications").EnumerateArray().ToList();
        Assert.Equal(2, mdf.Count);
        var approved = Assert.Single(mdf, a => a.Text("status") == "approved");
        Assert.Equal("upcoming", approved.Text("activity_status"));
        Assert.Equal("roadshow", approved.Text("category"));
        Assert.Single(mdf, a => a.Text("status") == "applied");
        var quota = Assert.Single((await partner.GetOkAsync("/v2/partners/incentives/mdf/quotas")).GetProperty("quotas").EnumerateArray());
        Assert.Equal(170000m, quota.Decimal("remaining"));
    }
}

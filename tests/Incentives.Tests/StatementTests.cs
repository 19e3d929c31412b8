using System.Net;
using System.Text.Json;
using Incentives.Api.Application;
using Incentives.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartnerPlatform.Testing;

namespace Incentives.Tests;

[Collection(IncentivesCollection.Name)]
public sealed class StatementTests(IncentivesApiFactory api)
{
    [Fact]
    public async Task A_line_goes_from_estimated_to_issued_and_explains_itself()
    {
        var scenario = new Scenario(api);
        api.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 2, 2, 0, 0, TimeSpan.Zero));
        using var vendor = scenario.Vendor();
        using var partner = scenario.Partner();
        var line = await EstimateAsync(vendor, scenario, 1250.75m);
        Assert.Equal("estimated", line.Text("status"));
        await ProblemAssert.IsProblem(await partner.PostJsonAsync($"/v2/partners/incentives/statement-lines/{line.Id()}/confirm"), HttpStatusCode.Conflict, "CBC.99018050");

        await vendor.PostOkAsync("/v2/vendor/incentives/statements/publication", new { partner_id = scenario.PartnerId, period = "2026-10" });
        await ProblemAssert.IsProblem(
            await vendor.PostJsonAsync("/v2/vendor/incentives/statements/publication", new { partner_id = scenario.PartnerId, period = "2026-10" }), HttpStatusCode.Conflict, "CBC.99018055");
        var published = await partner.GetOkAsync($"/v2/partners/incentives/statement-lines/{line.Id()}");
        Assert.Equal("pending_confirmation", published.Text("status"));
        Assert.Equal("2026-11-09T15:59:59Z", published.Text("confirm_by"));
        Assert.Equal("consumption × 5%", published.Text("formula"));
        Assert.Equal("billing:2026-10", published.GetProperty("sources")[0].GetString());

        await ProblemAssert.IsProblem(await vendor.PostJsonAsync($"/v2/vendor/incentives/statement-lines/{line.Id()}/issue"), HttpStatusCode.Conflict, "CBC.99018052");
        var confirmed = await partner.PostOkAsync($"/v2/partners/incentives/statement-lines/{line.Id()}/confirm");
        Assert.Equal("issuing", confirmed.Text("status"));
        Assert.False(confirmed.GetProperty("confirmed_automatically").GetBoolean());
        Assert.Equal("issued", (await vendor.PostOkAsync($"/v2/vendor/incentives/statement-lines/{line.Id()}/issue")).Text("status"));

        Assert.Contains(await api.PayloadsAsync("IncentiveEstimated"), p => p.Contains(line.Id().ToString(), StringComparison.Ordinal));
        Assert.Contains(await api.PayloadsAsync("IncentiveMetricsPublished"), p => p.Contains(line.Id().ToString(), StringComparison.Ordinal));
        Assert.Contains(await api.PayloadsAsync("StatementConfirmed"), p => p.Contains(line.Id().ToString(), StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_unconfirmed_line_is_confirmed_automatically_at_the_deadline_unless_disputed()
    {
        var scenario = new Scenario(api);
        api.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 2, 2, 0, 0, TimeSpan.Zero));
        using var vendor = scenario.Vendor();
        using var partner = scenario.Partner();
        var quiet = await EstimateAsync(vendor, scenario, 300m);
        var disputed = await EstimateAsync(vendor, scenario, 400m);
        await vendor.PostOkAsync("/v2/vendor/incentives/statements/publication", new { partner_id = scenario.PartnerId, period = "2026-10" });
        await partner.PostOkAsync($"/v2/partners/incentives/statement-lines/{disputed.Id()}/feedback", new { feedback = "the consumption is lower" });

        var sweeper = api.Services.GetRequiredService<AutoConfirmation>();
        api.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 9, 15, 59, 0, TimeSpan.Zero));
        await sweeper.SweepAsync();
        Assert.Equal("pending_confirmation", (await ReadAsync(scenario, quiet.Id())).Text("status"));

        api.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 9, 16, 0, 0, TimeSpan.Zero));
        await sweeper.SweepAsync();
        var auto = await ReadAsync(scenario, quiet.Id());
        Assert.Equal("issuing", auto.Text("status"));
        Assert.True(auto.GetProperty("confirmed_automatically").GetBoolean());
        Assert.Equal("pending_confirmation", (await ReadAsync(scenario, disputed.Id())).Text("status"));

        // The vendor answers with a corrected amount: the line awaits confirmation again, with a new deadline, and then confirms automatically.
        using var laterVendor = scenario.Vendor();
        var resolved = await laterVendor.PostOkAsync($"/v2/vendor/incentives/statement-lines/{disputed.Id()}/resolution", new { corrected_amount = 350m });
        Assert.Equal(350m, resolved.Decimal("amount"));
        Assert.Contains("corrected", resolved.GetProperty("netting_trail")[0].GetString(), StringComparison.Ordinal);
        await ProblemAssert.IsProblem(await laterVendor.PostJsonAsync($"/v2/vendor/incentives/statement-lines/{disputed.Id()}/resolution", new { }), HttpStatusCode.Conflict, "CBC.99018054");
        api.Clock.SetUtcNow(DateTimeOffset.Parse(resolved.Text("confirm_by"), System.Globalization.CultureInfo.InvariantCulture).AddSeconds(1));
        await sweeper.SweepAsync();
        Assert.Equal("issuing", (await ReadAsync(scenario, disputed.Id())).Text("status"));
    }

    [Fact]
    public async Task Feedback_racing_the_auto_confirmation_either_wins_or_finds_the_line_confirmed_never_both()
    {
        var scenario = new Scenario(api);
        api.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 2, 2, 0, 0, TimeSpan.Zero));
        using var vendor = scenario.Vendor();
        var lines = new List<Guid>();
        for (var i = 0; i < 12; i++)
        {
            lines.Add((await EstimateAsync(vendor, scenario, 10m + i)).Id());
        }

        await vendor.PostOkAsync("/v2/vendor/incentives/statements/publication", new { partner_id = scenario.PartnerId, period = "2026-10" });
        api.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 9, 16, 0, 0, TimeSpan.Zero));
        var sweeper = api.Services.GetRequiredService<AutoConfirmation>();
        var clients = lines.Select(_ => scenario.Partner()).ToList();
        var feedbacks = lines.Select((id, i) => clients[i].PostJsonAsync($"/v2/partners/incentives/statement-lines/{id}/feedback", new { feedback = "wrong" })).ToList();
        var sweep = Task.Run(() => sweeper.SweepAsync());
        var responses = await Task.WhenAll(feedbacks);
        await sweep;
        await sweeper.SweepAsync();

        await using var db = api.Db();
        var stored = await db.StatementLines.Where(l => lines.Contains(l.Id)).ToDictionaryAsync(l => l.Id);
        var confirmations = await api.PayloadsAsync("StatementConfirmed");
        for (var i = 0; i < lines.Count; i++)
        {
            var line = stored[lines[i]];
            var confirmedEvents = confirmations.Count(p => p.Contains(lines[i].ToString(), StringComparison.Ordinal));
            if (responses[i].StatusCode == HttpStatusCode.OK)
            {
                Assert.Equal(Incentives.Api.Domain.StatementLineStatus.PendingConfirmation, line.Status);
                Assert.NotNull(line.FeedbackAt);
                Assert.Equal(0, confirmedEvents);
            }
            else
            {
                await ProblemAssert.IsProblem(responses[i], HttpStatusCode.Conflict, "CBC.99018050");
                Assert.Equal(Incentives.Api.Domain.StatementLineStatus.Issuing, line.Status);
                Assert.Null(line.FeedbackAt);
                Assert.Equal(1, confirmedEvents);
            }
        }

        clients.ForEach(c => c.Dispose());
    }

    [Fact]
    public async Task Sweepers_on_several_instances_confirm_each_due_line_once()
    {
        var scenario = new Scenario(api);
        api.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 2, 2, 0, 0, TimeSpan.Zero));
        var lines = new List<Guid>();
        await using (var db = api.Db())
        {
            for (var i = 0; i < 180; i++)
            {
                var line = new Incentives.Api.Domain.StatementLine
                {
                    Id = Guid.NewGuid(), PartnerId = scenario.PartnerId, Period = new DateOnly(2026, 10, 1), IncentiveKind = "k", Amount = 1.01m * i, OriginalAmount = 1.01m * i,
                    Status = Incentives.Api.Domain.StatementLineStatus.PendingConfirmation, Metric = "m", Formula = "f", CreatedAt = api.Clock.GetUtcNow(),
                    ConfirmBy = api.Clock.GetUtcNow().AddMinutes(-1),
                };
                lines.Add(line.Id);
                db.StatementLines.Add(line);
            }

            await db.SaveChangesAsync();
        }

        var sweeper = api.Services.GetRequiredService<AutoConfirmation>();
        var counts = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Task.Run(() => sweeper.SweepAsync())));

        Assert.True(counts.Sum() >= lines.Count);
        var confirmations = await api.PayloadsAsync("StatementConfirmed");
        Assert.All(lines, id => Assert.Single(confirmations, p => p.Contains(id.ToString(), StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_lapsing_positive_line_is_netted_against_open_negative_lines_with_a_trail()
    {
        var scenario = new Scenario(api);
        api.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 2, 2, 0, 0, TimeSpan.Zero));
        using var vendor = scenario.Vendor();
        using var partner = scenario.Partner();
        var negative = await EstimateAsync(vendor, scenario, -600m);
        var positive = await EstimateAsync(vendor, scenario, 200m);

        var lapsed = await vendor.PostOkAsync($"/v2/vendor/incentives/statement-lines/{positive.Id()}/lapse");
        Assert.Equal("lapsed", lapsed.Text("status"));
        Assert.Equal(0m, lapsed.Decimal("amount"));
        Assert.Equal(200m, lapsed.Decimal("original_amount"));
        var netted = await partner.GetOkAsync($"/v2/partners/incentives/statement-lines/{negative.Id()}");
        Assert.Equal(-400m, netted.Decimal("amount"));
        Assert.Equal(-600m, netted.Decimal("original_amount"));
        var trail = Assert.Single(netted.GetProperty("netting_trail").EnumerateArray()).GetString()!;
        Assert.Contains("+200.00 CNY from lapsed line " + positive.Id(), trail, StringComparison.Ordinal);
        Assert.Contains("-600.00 CNY → -400.00 CNY", trail, StringComparison.Ordinal);

        await ProblemAssert.IsProblem(await vendor.PostJsonAsync($"/v2/vendor/incentives/statement-lines/{positive.Id()}/lapse"), HttpStatusCode.Conflict, "CBC.99018053");
        await ProblemAssert.IsProblem(await vendor.PostJsonAsync($"/v2/vendor/incentives/statement-lines/{negative.Id()}/lapse"), HttpStatusCode.Conflict, "CBC.99018053");
    }

    /// <summary>Reads a line with a token issued at the test clock's current time.</summary>
    private static async Task<JsonElement> ReadAsync(Scenario scenario, Guid lineId)
    {
        using var partner = scenario.Partner();
        return await partner.GetOkAsync($"/v2/partners/incentives/statement-lines/{lineId}");
    }

    private static async Task<JsonElement> EstimateAsync(HttpClient vendor, Scenario scenario, decimal amount) =>
        await vendor.PostOkAsync(
            "/v2/vendor/incentives/statement-lines",
            new
            {
                partner_id = scenario.PartnerId, period = "2026-10", incentive_kind = "cloud_consumption", amount, currency = "CNY",
                metric = "consumption", metric_value = amount * 20, formula = "consumption × 5%", sources = new[] { "billing:2026-10" },
            },
            HttpStatusCode.Created);
}

extern alias opportunities;

using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using CrossService.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using PartnerPlatform.Contracts.Identity;
using PartnerPlatform.ServiceDefaults;
using PartnerPlatform.Testing;
using DeadlineSweeper = opportunities::Opportunities.Api.Jobs.DeadlineSweeper;

namespace CrossService.Tests;

/// <summary>
/// Issue 17's "Done when", through the real gateway's public routes: a solution provider in PCE
/// creates, submits and progresses a PO to delivered while vendor staff review it; an HO assigned
/// and left alone is recalled after 3 working days. opportunities-api runs on real servers with its
/// <see cref="ManualClock"/>; identity's events arrive on its bus.
/// </summary>
public sealed class OpportunitiesThroughGatewayTests(OpportunitiesThroughGatewayTests.OpportunitiesHost host)
    : IClassFixture<OpportunitiesThroughGatewayTests.OpportunitiesHost>
{
    private static readonly TimeSpan EventTimeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_pce_solution_provider_takes_a_po_to_delivered_under_vendor_review_and_an_unanswered_ho_is_recalled_after_three_working_days()
    {
        await using var gateway = await GatewayInFront.StartAsync(new Dictionary<string, Uri> { ["opportunities-api"] = host.BaseAddress });

        // Monday 7 Dec 2026, 10:00 in Shanghai.
        host.Clock.SetUtcNow(new DateTimeOffset(2026, 12, 7, 2, 0, 0, TimeSpan.Zero));
        var partnerId = Guid.NewGuid();
        var partner = Client(gateway, new CurrentCaller
        {
            IsAuthenticated = true, UserId = Guid.NewGuid().ToString(), PartnerId = partnerId.ToString(), Programmes = new HashSet<string> { "solution_provider" },
        });
        var vendor = Client(gateway, new CurrentCaller { IsAuthenticated = true, UserId = Guid.NewGuid().ToString(), VendorRole = "psm", Region = "south" });

        // Not in PCE yet: refused with the code; identity's PartnerCoExpansionPlanJoined opens it.
        var solution = new { name = "Pearl River data lake", description = "Data warehouse migration and data lake.", products = new[] { "data_lake" } };
        await ProblemAssert.IsProblem(await PostAsync(partner, "/v2/partners/opportunities", Draft(Guid.NewGuid()), key: true), HttpStatusCode.Forbidden, "CBC.99002001");
        await host.PublishAsync(new PartnerCoExpansionPlanJoined(partnerId, host.Clock.GetUtcNow()));
        await Eventually.HoldsAsync(
            async () => (await GetJsonAsync(partner, "/v2/partners/opportunities/eligibility")).GetProperty("can_share_opportunities").GetBoolean(),
            EventTimeout,
            "the partner's PCE membership reached opportunities-api");

        // The partner writes a solution and a PO draft, and submits it: routed by location to the south PSM queue.
        var solutionId = (await ProblemAssert.IsSuccess(await PostAsync(partner, "/v2/partners/opportunities/solutions", solution, key: true), HttpStatusCode.Created))
            .GetProperty("id").GetGuid();
        var draft = await ProblemAssert.IsSuccess(await PostAsync(partner, "/v2/partners/opportunities", Draft(solutionId), key: true), HttpStatusCode.Created);
        var id = draft.GetProperty("id").GetGuid();
        var submitted = await ProblemAssert.IsSuccess(await PostAsync(partner, $"/v2/partners/opportunities/{id}/submit", null));
        Assert.Equal("psm:south", submitted.GetProperty("routed_to").GetString());
        Assert.Equal("2026-12-21T15:59:59Z", submitted.GetProperty("due_at").GetString());

        // Read-only once submitted.
        var etag = (await partner.GetAsync($"/v2/partners/opportunities/{id}")).Headers.ETag!.Tag;
        await ProblemAssert.IsProblem(
            await SendAsync(partner, HttpMethod.Put, $"/v2/partners/opportunities/{id}", Draft(solutionId), ifMatch: etag), HttpStatusCode.Conflict, "CBC.99002015");

        // Vendor staff find it in their queue and ask for a clearer budget; the partner changes only that and resubmits.
        var queue = await GetJsonAsync(vendor, "/v2/vendor/opportunities/queue?limit=100");
        Assert.Contains(queue.GetProperty("opportunities").EnumerateArray(), o => o.GetProperty("id").GetGuid() == id);
        await ProblemAssert.IsSuccess(await PostAsync(vendor, $"/v2/vendor/opportunities/{id}/request-changes", new { parts = new[] { "budget" }, note = "Which budget year?" }));
        etag = (await partner.GetAsync($"/v2/partners/opportunities/{id}")).Headers.ETag!.Tag;
        var changed = Draft(solutionId);
        changed["budget"] = new { amount = 650_000m, currency = "CNY" };
        await ProblemAssert.IsSuccess(await SendAsync(partner, HttpMethod.Put, $"/v2/partners/opportunities/{id}", changed, ifMatch: etag));
        await ProblemAssert.IsSuccess(await PostAsync(partner, $"/v2/partners/opportunities/{id}/submit", null));
        var approved = await ProblemAssert.IsSuccess(await PostAsync(vendor, $"/v2/vendor/opportunities/{id}/approve", null));
        Assert.Equal("approved", approved.GetProperty("status").GetString());

        // Progress to delivered; a vendor update shows in the partner's history.
        foreach (var stage in new[] { "qualified", "solution_validation", "business_negotiation", "won" })
        {
            await ProblemAssert.IsSuccess(await PostAsync(partner, $"/v2/partners/opportunities/{id}/progress", new { stage, note = $"Now {stage}." }));
        }

        await ProblemAssert.IsSuccess(await PostAsync(vendor, $"/v2/vendor/opportunities/{id}/updates", new { note = "Joint visit with the vendor's account manager." }));
        var delivered = await ProblemAssert.IsSuccess(await PostAsync(partner, $"/v2/partners/opportunities/{id}/progress", new { stage = "delivered", note = "In production." }));
        Assert.Equal("delivered", delivered.GetProperty("stage").GetString());
        var history = (await GetJsonAsync(partner, $"/v2/partners/opportunities/{id}/history")).GetProperty("history").EnumerateArray().ToList();
        Assert.Equal(["submitted", "changes_requested", "resubmitted", "approved"], history.Take(4).Select(h => h.GetProperty("kind").GetString()));
        Assert.Contains(history, h => h.GetProperty("by_vendor").GetBoolean() && h.GetProperty("note").GetString() == "Joint visit with the vendor's account manager.");
        Assert.Equal("delivered", history[^1].GetProperty("stage").GetString());
        var dashboard = await GetJsonAsync(partner, "/v2/partners/opportunities/dashboard?window=1m");
        Assert.Equal(1, dashboard.GetProperty("count").GetInt32());
        Assert.Contains(dashboard.GetProperty("by_stage").EnumerateArray(), s => s.GetProperty("stage").GetString() == "delivered" && s.GetProperty("count").GetInt32() == 1);

        // identity's path stage makes the partner assignable; the vendor hands over an HO on Thursday 31 Dec 2026, 10:00 in Shanghai.
        await host.PublishAsync(new PartnerPathStageChanged(partnerId, "registered", "capability_differentiated", host.Clock.GetUtcNow()));
        await Eventually.HoldsAsync(
            async () => (await GetJsonAsync(vendor, $"/v2/vendor/opportunities/partners/{partnerId}/eligibility")).GetProperty("can_be_assigned_handovers").GetBoolean(),
            EventTimeout,
            "the partner's path stage reached opportunities-api");
        var handover = await ProblemAssert.IsSuccess(await PostAsync(vendor, "/v2/vendor/opportunities/handovers", Handover(), key: true), HttpStatusCode.Created);
        var handoverId = handover.GetProperty("id").GetGuid();
        host.Clock.SetUtcNow(new DateTimeOffset(2026, 12, 31, 2, 0, 0, TimeSpan.Zero));
        var assigned = await ProblemAssert.IsSuccess(await PostAsync(vendor, $"/v2/vendor/opportunities/handovers/{handoverId}/assign", new { partner_id = partnerId }));

        // New Year's Day holiday 1–3 Jan 2027: the third working day is Wednesday 6 Jan.
        Assert.Equal("2027-01-06T15:59:59Z", assigned.GetProperty("due_at").GetString());
        var trimmed = await GetJsonAsync(partner, $"/v2/partners/opportunities/handovers/{handoverId}");
        Assert.Equal("assigned", trimmed.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, trimmed.GetProperty("contact").ValueKind);

        // Left alone: still the partner's a second before the deadline, recalled right after it.
        host.Clock.SetUtcNow(new DateTimeOffset(2027, 1, 6, 15, 59, 58, TimeSpan.Zero));
        Assert.Equal(0, (await host.SweepAsync()).Recalled);
        Assert.Equal("assigned", (await GetJsonAsync(partner, $"/v2/partners/opportunities/handovers/{handoverId}")).GetProperty("status").GetString());
        host.Clock.SetUtcNow(new DateTimeOffset(2027, 1, 6, 16, 0, 0, TimeSpan.Zero));
        Assert.Equal(1, (await host.SweepAsync()).Recalled);
        await ProblemAssert.IsProblem(await partner.GetAsync($"/v2/partners/opportunities/handovers/{handoverId}"), HttpStatusCode.NotFound, "CBC.0156");
        await ProblemAssert.IsProblem(await PostAsync(partner, $"/v2/partners/opportunities/handovers/{handoverId}/accept", null), HttpStatusCode.NotFound, "CBC.0156");
        var recalled = await GetJsonAsync(vendor, $"/v2/vendor/opportunities/handovers/{handoverId}");
        Assert.Equal("recalled", recalled.GetProperty("status").GetString());
    }

    /// <summary>A gateway client with a token that stays valid while the service's clock moves (within a year of now).</summary>
    private HttpClient Client(GatewayInFront gateway, CurrentCaller caller)
    {
        var client = gateway.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", TestTokens.For(caller, DateTimeOffset.UtcNow.AddDays(-366), TimeSpan.FromDays(732)));
        return client;
    }

    private static Dictionary<string, object?> Draft(Guid solutionId) => new()
    {
        ["budget"] = new { amount = 500_000m, currency = "CNY" },
        ["decision_maker"] = new { name = "Wang Qiang", title = "CIO" },
        ["need"] = new { products = new[] { "data_lake" }, description = "Move the data warehouse to the cloud." },
        ["purchase_plan"] = new { expected_order_date = "2027-03-01", project_timeline = "Assessment in Q1, go-live in Q2." },
        ["customer"] = new { name = "Pearl River Logistics", industry = "logistics", province = "guangdong", city = "Shenzhen" },
        ["contact"] = new { name = "Zhang Wei", phone = "13912345678", email = "zhang.wei@example.com" },
        ["expected_revenue"] = new { amount = 200_000m, currency = "CNY" },
        ["cloud_related"] = true,
        ["solution_id"] = solutionId,
        ["consent"] = new { confirmed_by = "Zhang Wei", confirmed_at = "2026-11-01T08:00:00Z", method = "signed consent form" },
    };

    private static object Handover() => new
    {
        title = "Factory MES to the cloud",
        description = "MES and data lake for a factory.",
        solution_type = "data_analytics",
        offering_rule_set = "vendor_led_baseline",
        offering = "data_lake",
        customer = new { name = "Zhongshan Smart Manufacturing", industry = "manufacturing", province = "guangdong" },
        contact = new { name = "Chen Ming", phone = "13800138000", email = "chen.ming@example.com" },
        expected_revenue = new { amount = 600_000m, currency = "CNY" },
    };

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, string path, object? body, bool key = false) =>
        SendAsync(client, HttpMethod.Post, path, body, key ? Guid.NewGuid().ToString("N") : null);

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, string path, object? body, string? idempotencyKey = null, string? ifMatch = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body, body.GetType(), options: PlatformJson.Options);
        }

        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return await client.SendAsync(request);
    }

    private static async Task<JsonElement> GetJsonAsync(HttpClient client, string path) => await ProblemAssert.IsSuccess(await client.GetAsync(path));

    /// <summary>opportunities-api on real servers; its deadline sweeper runs only when the test calls it.</summary>
    public sealed class OpportunitiesHost : ServiceApiFactory<opportunities::Program>
    {
        protected override string DatabaseName => "opportunitiesdb";

        protected override void ConfigureService(IWebHostBuilder builder) => builder.UseSetting("Opportunities:SweepInterval", "01:00:00");

        public Task<(int Expired, int Recalled)> SweepAsync() => Services.GetRequiredService<DeadlineSweeper>().SweepAsync();
    }
}

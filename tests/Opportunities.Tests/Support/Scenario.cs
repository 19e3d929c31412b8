using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PartnerPlatform.Contracts.Identity;
using PartnerPlatform.Messaging.Outbox;
using PartnerPlatform.ServiceDefaults;
using PartnerPlatform.Testing;

namespace Opportunities.Tests.Support;

/// <summary>Callers, requests and arrangements the scenarios share.</summary>
public sealed class Scenario(OpportunitiesApiFactory factory)
{
    public static readonly TimeSpan EventTimeout = TimeSpan.FromSeconds(20);

    public OpportunitiesApiFactory Factory => factory;

    public static CurrentCaller PartnerCaller(Guid partnerId) => new()
    {
        IsAuthenticated = true, UserId = Guid.NewGuid().ToString(), PartnerId = partnerId.ToString(), Programmes = new HashSet<string> { "solution_provider" },
    };

    public static CurrentCaller VendorCaller(string role = "psm", string? region = "south") => new()
    {
        IsAuthenticated = true, UserId = Guid.NewGuid().ToString(), VendorRole = role, Region = region,
    };

    /// <summary>A client whose token outlives any clock move of the scenarios.</summary>
    public HttpClient Client(CurrentCaller caller)
    {
        var client = new HttpClient { BaseAddress = factory.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", factory.IssueToken(caller));
        return client;
    }

    public HttpClient Partner(Guid partnerId) => Client(PartnerCaller(partnerId));

    public HttpClient Vendor(string region = "south") => Client(VendorCaller(region: region));

    /// <summary>A partner that joined PCE (through identity's event, as in production).</summary>
    public async Task<Guid> PcePartnerAsync()
    {
        var partnerId = Guid.NewGuid();
        await factory.PublishAsync(new PartnerCoExpansionPlanJoined(partnerId, factory.Clock.GetUtcNow()));
        await Eventually.HoldsAsync(
            async () =>
            {
                await using var db = factory.Db();
                return await db.Partners.AnyAsync(p => p.PartnerId == partnerId && p.CoExpansionJoinedAt != null);
            },
            EventTimeout,
            "the PCE membership reached the read model");
        return partnerId;
    }

    public async Task PathStageAsync(Guid partnerId, string stage)
    {
        await factory.PublishAsync(new PartnerPathStageChanged(partnerId, "registered", stage, factory.Clock.GetUtcNow()));
        await Eventually.HoldsAsync(
            async () =>
            {
                await using var db = factory.Db();
                return await db.Partners.AnyAsync(p => p.PartnerId == partnerId && p.PathStage == stage);
            },
            EventTimeout,
            "the path stage reached the read model");
    }

    public async Task<Guid> SolutionAsync(HttpClient partner)
    {
        var body = await ProblemAssert.IsSuccess(
            await PostAsync(partner, "/v2/partners/opportunities/solutions", new { name = "Data lake " + Guid.NewGuid().ToString("N")[..8], description = "Migration and data lake.", products = new[] { "data_lake" } }, key: true),
            HttpStatusCode.Created);
        return body.GetProperty("id").GetGuid();
    }

    /// <summary>A complete, plausible PO draft for a prospect in Guangdong with its consent record.</summary>
    public static Dictionary<string, object?> Draft(Guid solutionId, decimal revenue = 200_000m, string province = "guangdong") => new()
    {
        ["budget"] = new { amount = 500_000m, currency = "CNY" },
        ["decision_maker"] = new { name = "Wang Qiang", title = "CIO" },
        ["need"] = new { products = new[] { "data_lake" }, description = "Move the data warehouse to the cloud." },
        ["purchase_plan"] = new { expected_order_date = "2027-03-01", project_timeline = "Assessment in Q1, go-live in Q2." },
        ["customer"] = new { name = "Pearl River Logistics", industry = "logistics", province, city = "Shenzhen" },
        ["contact"] = new { name = "Zhang Wei", phone = "13912345678", email = "zhang.wei@example.com" },
        ["expected_revenue"] = new { amount = revenue, currency = "CNY" },
        ["cloud_related"] = true,
        ["solution_id"] = solutionId,
        ["consent"] = new { confirmed_by = "Zhang Wei", confirmed_at = "2026-11-01T08:00:00Z", method = "signed consent form" },
    };

    public async Task<JsonElement> CreateDraftAsync(HttpClient partner, object draft) =>
        await ProblemAssert.IsSuccess(await PostAsync(partner, "/v2/partners/opportunities", draft, key: true), HttpStatusCode.Created);

    public async Task<Guid> SubmittedAsync(HttpClient partner, Guid solutionId, decimal revenue = 200_000m, string province = "guangdong")
    {
        var id = (await CreateDraftAsync(partner, Draft(solutionId, revenue, province))).GetProperty("id").GetGuid();
        await ProblemAssert.IsSuccess(await PostAsync(partner, $"/v2/partners/opportunities/{id}/submit", null));
        return id;
    }

    public async Task<Guid> ApprovedAsync(HttpClient partner, Guid solutionId, decimal revenue = 200_000m)
    {
        var id = await SubmittedAsync(partner, solutionId, revenue);
        await ProblemAssert.IsSuccess(await PostAsync(Vendor(), $"/v2/vendor/opportunities/{id}/approve", null));
        return id;
    }

    public async Task<Guid> DeliveredAsync(HttpClient partner, Guid solutionId)
    {
        var id = await ApprovedAsync(partner, solutionId);
        foreach (var stage in new[] { "qualified", "won", "delivered" })
        {
            await ProblemAssert.IsSuccess(await PostAsync(partner, $"/v2/partners/opportunities/{id}/progress", new { stage, note = "moved on" }));
        }

        return id;
    }

    /// <summary>A partner that may be assigned HOs: PCE, a recent PO, capability_differentiated.</summary>
    public async Task<Guid> AssignablePartnerAsync()
    {
        var partnerId = await PcePartnerAsync();
        var partner = Partner(partnerId);
        await SubmittedAsync(partner, await SolutionAsync(partner));
        await PathStageAsync(partnerId, "capability_differentiated");
        return partnerId;
    }

    public static object Handover(string ruleSet = "vendor_led_baseline", string offering = "data_lake", string? committeeCase = null) => new
    {
        title = "Factory MES to the cloud",
        description = "MES and data lake for a factory.",
        solution_type = "data_analytics",
        offering_rule_set = committeeCase is null ? ruleSet : null,
        offering = committeeCase is null ? offering : null,
        committee_case = committeeCase,
        customer = new { name = "Zhongshan Smart Manufacturing", industry = "manufacturing", province = "guangdong" },
        contact = new { name = "Chen Ming", phone = "13800138000", email = "chen.ming@example.com" },
        expected_revenue = new { amount = 600_000m, currency = "CNY" },
    };

    public async Task<Guid> HandoverAsync(object? body = null)
    {
        var created = await ProblemAssert.IsSuccess(await PostAsync(Vendor(), "/v2/vendor/opportunities/handovers", body ?? Handover(), key: true), HttpStatusCode.Created);
        return created.GetProperty("id").GetGuid();
    }

    public async Task<JsonElement> AssignAsync(Guid handoverId, Guid partnerId) =>
        await ProblemAssert.IsSuccess(await PostAsync(Vendor(), $"/v2/vendor/opportunities/handovers/{handoverId}/assign", new { partner_id = partnerId }));

    public static async Task<HttpResponseMessage> PostAsync(HttpClient client, string path, object? body, bool key = false, string? idempotencyKey = null, string? ifMatch = null) =>
        await SendAsync(client, HttpMethod.Post, path, body, key ? idempotencyKey ?? Guid.NewGuid().ToString("N") : idempotencyKey, ifMatch);

    public static Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, string path, object? body, string? idempotencyKey = null, string? ifMatch = null) =>
        client.SendJsonAsync(method, path, body, idempotencyKey, ifMatch);

    public static async Task<JsonElement> GetJsonAsync(HttpClient client, string path) => await ProblemAssert.IsSuccess(await client.GetAsync(path));

    /// <summary>The sent outbox payloads of one event type that match, once at least <paramref name="atLeast"/> of them were sent.</summary>
    public async Task<List<JsonElement>> SentAsync<TEvent>(Func<JsonElement, bool> match, int atLeast = 1)
    {
        var name = typeof(TEvent).FullName!;
        List<JsonElement> found = [];
        await Eventually.HoldsAsync(
            async () =>
            {
                await using var db = factory.Db();
                var rows = await db.Set<OutboxMessage>().AsNoTracking().Where(m => m.MessageType.Contains(name) && m.SentAt != null).ToListAsync();
                found = [.. rows.Select(r => JsonDocument.Parse(r.Payload).RootElement.Clone()).Where(match)];
                return found.Count >= atLeast;
            },
            EventTimeout,
            $"{atLeast} matching {typeof(TEvent).Name} sent through the outbox");
        return found;
    }
}

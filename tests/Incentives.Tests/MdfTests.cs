using System.Net;
using Incentives.Tests.Support;
using Microsoft.EntityFrameworkCore;
using PartnerPlatform.Testing;

namespace Incentives.Tests;

[Collection(IncentivesCollection.Name)]
public sealed class MdfTests(IncentivesApiFactory api)
{
    private const string Applications = "/v2/partners/incentives/mdf/applications";

    // Monday 2 November 2026, 10:00 in Shanghai.
    private static readonly DateTimeOffset Monday = new(2026, 11, 2, 2, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task The_seed_categories_are_served_as_data()
    {
        using var partner = new Scenario(api).Partner();
        var categories = (await partner.GetOkAsync("/v2/partners/incentives/mdf/categories")).GetProperty("categories").EnumerateArray()
            .ToDictionary(c => c.Text("code"), c => c.Text("group"));
        Assert.Equal(13, categories.Count);
        Assert.Equal("events", categories["roadshow"]);
        Assert.Equal("digital", categories["wechat"]);
        Assert.Equal("media", categories["advertising"]);
    }

    [Fact]
    public async Task An_application_needs_the_legal_attestation_a_known_category_a_future_activity_and_quota_left()
    {
        var scenario = new Scenario(api);
        api.Clock.SetUtcNow(Monday);
        using var partner = scenario.Partner();
        using var vendor = scenario.Vendor();

        await ProblemAssert.IsProblem(await partner.PostJsonAsync(Applications, Application(5000m) with { LegalAttestation = false }), HttpStatusCode.BadRequest, "CBC.99018081");
        await ProblemAssert.IsProblem(await partner.PostJsonAsync(Applications, Application(5000m)), HttpStatusCode.Conflict, "CBC.99018082");

        await SetQuotaAsync(vendor, scenario, 8000m);
        await ProblemAssert.IsProblem(await partner.PostJsonAsync(Applications, Application(5000m) with { Category = "lottery" }), HttpStatusCode.BadRequest, "CBC.99018080");
        await ProblemAssert.IsProblem(await partner.PostJsonAsync(Applications, Application(5000m) with { ActivityStart = "2026-11-01" }), HttpStatusCode.Conflict, "CBC.99018095");
        await ProblemAssert.IsProblem(await partner.PostJsonAsync(Applications, Application(5000m) with { Currency = "USD" }), HttpStatusCode.BadRequest, "CBC.99018090");
        await ProblemAssert.IsProblem(await partner.PostJsonAsync(Applications, Application(8000.01m)), HttpStatusCode.Conflict, "CBC.99018083");
        await ProblemAssert.IsProblem(await partner.PostJsonAsync(Applications, Application(10.001m)), HttpStatusCode.BadRequest, "CBC.0100");
        await ProblemAssert.IsProblem(
            await partner.PostJsonAsync(Applications, Application(10m) with { ActivityEnd = "2026-11-09" }), HttpStatusCode.BadRequest, "CBC.0100");

        var applied = await partner.PostOkAsync(Applications, Application(5000m), HttpStatusCode.Created);
        Assert.Equal("applied", applied.Text("status"));
        Assert.Equal("not_approved", applied.Text("activity_status"));
        Assert.Contains("legal liability", applied.Text("attestation"), StringComparison.Ordinal);
        Assert.Equal("2027-02-10", applied.Text("claim_by"));
    }

    [Fact]
    public async Task An_approved_activity_is_claimable_from_its_start_date_until_its_claim_window_closes()
    {
        var scenario = new Scenario(api);
        api.Clock.SetUtcNow(Monday);
        using var partner = scenario.Partner();
        using var vendor = scenario.Vendor();
        await SetQuotaAsync(vendor, scenario, 20000m);
        var application = (await partner.PostOkAsync(Applications, Application(5000m), HttpStatusCode.Created)).Id();
        await ProblemAssert.IsProblem(await ClaimAsync(partner, application, 100m, Invoice(100m)), HttpStatusCode.Conflict, "CBC.99018085");

        var approved = await vendor.PostOkAsync($"/v2/vendor/incentives/mdf/applications/{application}/decision", new { approve = true, approved_amount = 4000m });
        Assert.Equal("approved", approved.Text("status"));
        Assert.Equal(4000m, approved.Decimal("approved_amount"));
        Assert.Equal("upcoming", approved.Text("activity_status"));
        Assert.Contains(await api.PayloadsAsync("MdfApplicationApproved"), p => p.Contains(application.ToString(), StringComparison.Ordinal));
        var quota = Assert.Single((await partner.GetOkAsync("/v2/partners/incentives/mdf/quotas")).GetProperty("quotas").EnumerateArray());
        Assert.Equal(16000m, quota.Decimal("remaining"));

        // 9 November 23:59 in Shanghai: the activity starts on the 10th.
        api.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 9, 15, 59, 0, TimeSpan.Zero));
        await ProblemAssert.IsProblem(await ClaimAsync(partner, application, 100m, Invoice(100m)), HttpStatusCode.Conflict, "CBC.99018086");

        api.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 9, 16, 0, 0, TimeSpan.Zero));
        Assert.Equal("active", (await partner.GetOkAsync($"{Applications}/{application}")).Text("activity_status"));
        await ProblemAssert.IsSuccess(await ClaimAsync(partner, application, 100m, Invoice(100m)), HttpStatusCode.Created);

        // The claim window is open through 10 February 2027 in Shanghai.
        api.Clock.SetUtcNow(new DateTimeOffset(2027, 2, 10, 15, 59, 0, TimeSpan.Zero));
        await ProblemAssert.IsSuccess(await ClaimAsync(partner, application, 100m, Invoice(100m)), HttpStatusCode.Created);
        api.Clock.SetUtcNow(new DateTimeOffset(2027, 2, 10, 16, 0, 0, TimeSpan.Zero));
        await ProblemAssert.IsProblem(await ClaimAsync(partner, application, 100m, Invoice(100m)), HttpStatusCode.Conflict, "CBC.99018087");
        var expired = await partner.GetOkAsync($"{Applications}/{application}");
        Assert.Equal("expired", expired.Text("activity_status"));
        Assert.Equal(200m, expired.Decimal("claimed_amount"));
        Assert.Equal(2, expired.GetProperty("claims").GetArrayLength());
    }

    [Fact]
    public async Task A_claim_needs_invoices_covering_it_in_the_applications_currency_each_invoice_used_once_and_never_more_than_approved()
    {
        var scenario = new Scenario(api);
        var application = await ApprovedActivityAsync(scenario, 3000m);
        using var partner = scenario.Partner();

        await ProblemAssert.IsProblem(await ClaimAsync(partner, application, 1000m, Invoice(600m), Invoice(399.99m)), HttpStatusCode.BadRequest, "CBC.99018089");
        await ProblemAssert.IsProblem(await ClaimAsync(partner, application, 1000m), HttpStatusCode.BadRequest, "CBC.99018089");
        await ProblemAssert.IsProblem(await ClaimAsync(partner, application, 1000m, Invoice(1000m) with { Currency = "USD" }), HttpStatusCode.BadRequest, "CBC.99018090");
        var reused = Invoice(500m);
        await ProblemAssert.IsProblem(await ClaimAsync(partner, application, 1000m, reused, reused), HttpStatusCode.Conflict, "CBC.99018091");

        var claim = await ProblemAssert.IsSuccess(await ClaimAsync(partner, application, 1000m, Invoice(600m), reused), HttpStatusCode.Created);
        Assert.Equal(1100m, claim.Decimal("invoiced_amount"));
        Assert.Equal("submitted", claim.Text("status"));
        await ProblemAssert.IsProblem(await ClaimAsync(partner, application, 100m, reused), HttpStatusCode.Conflict, "CBC.99018091");
        await ProblemAssert.IsProblem(await ClaimAsync(partner, application, 2000.01m, Invoice(2000.01m)), HttpStatusCode.Conflict, "CBC.99018088");
        await ProblemAssert.IsSuccess(await ClaimAsync(partner, application, 2000m, Invoice(2000m)), HttpStatusCode.Created);
        Assert.Equal(3000m, (await partner.GetOkAsync($"{Applications}/{application}")).Decimal("claimed_amount"));
    }

    [Fact]
    public async Task Vendor_staff_approve_and_pay_claims_and_a_rejected_claim_frees_its_amount()
    {
        var scenario = new Scenario(api);
        var application = await ApprovedActivityAsync(scenario, 3000m);
        using var partner = scenario.Partner();
        using var vendor = scenario.Vendor();
        var paid = (await ProblemAssert.IsSuccess(await ClaimAsync(partner, application, 2000m, Invoice(2000m)), HttpStatusCode.Created)).Id();
        var rejected = (await ProblemAssert.IsSuccess(await ClaimAsync(partner, application, 1000m, Invoice(1000m)), HttpStatusCode.Created)).Id();

        await ProblemAssert.IsProblem(await vendor.PostJsonAsync($"/v2/vendor/incentives/mdf/claims/{paid}/payment"), HttpStatusCode.Conflict, "CBC.99018093");
        await vendor.PostOkAsync($"/v2/vendor/incentives/mdf/claims/{paid}/decision", new { approve = true });
        await ProblemAssert.IsProblem(await vendor.PostJsonAsync($"/v2/vendor/incentives/mdf/claims/{paid}/decision", new { approve = false }), HttpStatusCode.Conflict, "CBC.99018092");
        var payment = await vendor.PostOkAsync($"/v2/vendor/incentives/mdf/claims/{paid}/payment");
        Assert.Equal("paid", payment.Text("status"));
        Assert.Equal("paid", (await partner.GetOkAsync($"/v2/partners/incentives/mdf/claims/{paid}")).Text("status"));
        var events = await api.PayloadsAsync("MdfClaimPaid");
        Assert.Single(events, p => p.Contains(paid.ToString(), StringComparison.Ordinal));

        await vendor.PostOkAsync($"/v2/vendor/incentives/mdf/claims/{rejected}/decision", new { approve = false, remark = "invoice unreadable" });
        await ProblemAssert.IsProblem(await vendor.PostJsonAsync($"/v2/vendor/incentives/mdf/claims/{rejected}/payment"), HttpStatusCode.Conflict, "CBC.99018093");
        Assert.Equal(2000m, (await partner.GetOkAsync($"{Applications}/{application}")).Decimal("claimed_amount"));
        await ProblemAssert.IsSuccess(await ClaimAsync(partner, application, 1000m, Invoice(1000m)), HttpStatusCode.Created);
        Assert.DoesNotContain(await api.PayloadsAsync("MdfClaimPaid"), p => p.Contains(rejected.ToString(), StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_application_is_decided_once_and_the_quota_never_drops_below_what_approvals_reserved()
    {
        var scenario = new Scenario(api);
        api.Clock.SetUtcNow(Monday);
        using var partner = scenario.Partner();
        using var vendor = scenario.Vendor();
        await SetQuotaAsync(vendor, scenario, 10000m);
        var approved = (await partner.PostOkAsync(Applications, Application(6000m), HttpStatusCode.Created)).Id();
        var rejected = (await partner.PostOkAsync(Applications, Application(3000m), HttpStatusCode.Created)).Id();
        await ProblemAssert.IsProblem(
            await vendor.PostJsonAsync($"/v2/vendor/incentives/mdf/applications/{approved}/decision", new { approve = true, approved_amount = 6000.01m }), HttpStatusCode.BadRequest, "CBC.0100");
        await vendor.PostOkAsync($"/v2/vendor/incentives/mdf/applications/{approved}/decision", new { approve = true });
        await vendor.PostOkAsync($"/v2/vendor/incentives/mdf/applications/{rejected}/decision", new { approve = false, remark = "no budget" });
        await ProblemAssert.IsProblem(
            await vendor.PostJsonAsync($"/v2/vendor/incentives/mdf/applications/{rejected}/decision", new { approve = true }), HttpStatusCode.Conflict, "CBC.99018084");
        await ProblemAssert.IsProblem(await ClaimAsync(partner, rejected, 10m, Invoice(10m)), HttpStatusCode.Conflict, "CBC.99018085");

        await ProblemAssert.IsProblem(await PutQuotaAsync(vendor, scenario, 5999.99m), HttpStatusCode.Conflict, "CBC.99018094");
        var lowered = await ProblemAssert.IsSuccess(await PutQuotaAsync(vendor, scenario, 6000m));
        Assert.Equal(0m, lowered.Decimal("remaining"));
        await ProblemAssert.IsProblem(await partner.PostJsonAsync(Applications, Application(0.01m)), HttpStatusCode.Conflict, "CBC.99018083");
    }

    [Fact]
    public async Task Simultaneous_approvals_never_reserve_more_than_the_quota()
    {
        var scenario = new Scenario(api);
        api.Clock.SetUtcNow(Monday);
        using var partner = scenario.Partner();
        using var vendor = scenario.Vendor();
        await SetQuotaAsync(vendor, scenario, 10000m);
        var applications = new List<Guid>();
        for (var i = 0; i < 6; i++)
        {
            applications.Add((await partner.PostOkAsync(Applications, Application(3000m), HttpStatusCode.Created)).Id());
        }

        // Each application twice at once: one decision per application, and at most three fit the quota.
        var clients = Enumerable.Range(0, 12).Select(_ => scenario.Vendor()).ToList();
        var responses = await Task.WhenAll(clients.Select((client, i) =>
            client.PostJsonAsync($"/v2/vendor/incentives/mdf/applications/{applications[i / 2]}/decision", new { approve = true })));

        Assert.Equal(3, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
        foreach (var refused in responses.Where(r => r.StatusCode != HttpStatusCode.OK))
        {
            var code = System.Text.Json.JsonDocument.Parse(await refused.Content.ReadAsStringAsync()).RootElement.Text("error_code");
            Assert.Contains(code, new[] { "CBC.99018083", "CBC.99018084" });
            await ProblemAssert.IsProblem(refused, HttpStatusCode.Conflict, code);
        }

        await using var db = api.Db();
        var quota = await db.MdfQuotas.SingleAsync(q => q.PartnerId == scenario.PartnerId);
        Assert.Equal(9000m, quota.ApprovedTotal);
        Assert.Equal(3, await db.MdfApplications.CountAsync(a => a.PartnerId == scenario.PartnerId && a.Status == Api.Domain.MdfApplicationStatus.Approved));
        Assert.Equal(3, (await api.PayloadsAsync("MdfApplicationApproved")).Count(p => p.Contains(scenario.PartnerId.ToString(), StringComparison.Ordinal)));
        clients.ForEach(c => c.Dispose());
    }

    [Fact]
    public async Task Simultaneous_claims_never_exceed_the_approved_amount()
    {
        var scenario = new Scenario(api);
        var application = await ApprovedActivityAsync(scenario, 5000m);
        var clients = Enumerable.Range(0, 8).Select(_ => scenario.Partner()).ToList();
        var responses = await Task.WhenAll(clients.Select(c => ClaimAsync(c, application, 1000m, Invoice(1000m))));

        Assert.Equal(5, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        foreach (var refused in responses.Where(r => r.StatusCode != HttpStatusCode.Created))
        {
            await ProblemAssert.IsProblem(refused, HttpStatusCode.Conflict, "CBC.99018088");
        }

        await using var db = api.Db();
        Assert.Equal(5000m, (await db.MdfApplications.SingleAsync(a => a.Id == application)).ClaimedAmount);
        Assert.Equal(5000m, await db.MdfClaims.Where(c => c.ApplicationId == application).SumAsync(c => c.Amount));
        clients.ForEach(c => c.Dispose());
    }

    private async Task<Guid> ApprovedActivityAsync(Scenario scenario, decimal amount)
    {
        api.Clock.SetUtcNow(Monday);
        using var partner = scenario.Partner();
        using var vendor = scenario.Vendor();
        await SetQuotaAsync(vendor, scenario, 50000m);
        var application = (await partner.PostOkAsync(Applications, Application(amount), HttpStatusCode.Created)).Id();
        await vendor.PostOkAsync($"/v2/vendor/incentives/mdf/applications/{application}/decision", new { approve = true });
        api.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 12, 2, 0, 0, TimeSpan.Zero));
        return application;
    }

    private static Task<HttpResponseMessage> PutQuotaAsync(HttpClient vendor, Scenario scenario, decimal amount) =>
        vendor.PutJsonAsync($"/v2/vendor/incentives/mdf/quotas/{scenario.PartnerId}/2026", new { amount, currency = "CNY" });

    private static async Task SetQuotaAsync(HttpClient vendor, Scenario scenario, decimal amount) =>
        await ProblemAssert.IsSuccess(await PutQuotaAsync(vendor, scenario, amount));

    private static Task<HttpResponseMessage> ClaimAsync(HttpClient partner, Guid application, decimal amount, params InvoiceBody[] invoices) =>
        partner.PostJsonAsync($"{Applications}/{application}/claims", new { amount, currency = "CNY", invoices });

    private static ApplicationBody Application(decimal amount) =>
        new("roadshow", "Cloud roadshow in Hangzhou", "2026-11-10", "2026-11-12", amount, "CNY", true);

    private static InvoiceBody Invoice(decimal amount) => new("MDF-" + Guid.NewGuid().ToString("N")[..12], amount, "CNY", "2026-11-11");

    private sealed record ApplicationBody(string Category, string Title, string ActivityStart, string ActivityEnd, decimal Amount, string Currency, bool LegalAttestation);

    private sealed record InvoiceBody(string InvoiceNumber, decimal Amount, string Currency, string IssuedOn);
}

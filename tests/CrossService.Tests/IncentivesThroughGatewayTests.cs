extern alias incentives;

using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using CrossService.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using PartnerPlatform.Contracts.Identity;
using PartnerPlatform.ServiceDefaults;
using PartnerPlatform.Testing;

namespace CrossService.Tests;

/// <summary>
/// Issue 18's "Done when", through the gateway's public routes: a role-certified partner qualifies for FH, verifies
/// the months the schedule generates, applies for the quarter's payment, registers invoices and sees it paid; a
/// statement line auto-confirms at its deadline unless disputed. incentives-api runs on real servers with its jobs
/// every second; the test moves the service's clock and publishes identity-api's events.
/// </summary>
public sealed class IncentivesThroughGatewayTests(IncentivesThroughGatewayTests.IncentivesHost host) : IClassFixture<IncentivesThroughGatewayTests.IncentivesHost>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_role_certified_partner_is_paid_its_FH_quarter_and_a_statement_line_auto_confirms_unless_disputed()
    {
        await using var gateway = await GatewayInFront.StartAsync(new Dictionary<string, Uri> { ["incentives-api"] = host.BaseAddress });
        var partnerId = Guid.NewGuid();
        host.Clock.SetUtcNow(new DateTimeOffset(2026, 6, 15, 2, 0, 0, TimeSpan.Zero));
        using var partner = Client(gateway, new CurrentCaller { IsAuthenticated = true, UserId = Guid.NewGuid().ToString(), PartnerId = partnerId.ToString() });
        using var vendor = Client(gateway, new CurrentCaller { IsAuthenticated = true, UserId = Guid.NewGuid().ToString(), VendorRole = "ops" });

        // Qualifies: identity-api's events make the partner role certified with certified business information.
        await host.PublishAsync(new PartnerPathStageChanged(partnerId, "registered", "role_certified", host.Clock.GetUtcNow()));
        await host.PublishAsync(new PartnerBusinessInfoCertified(partnerId, host.Clock.GetUtcNow()));
        await PartnerPlatform.Testing.Eventually.HoldsAsync(
            async () => (await PostAsync(partner, "/v2/partners/incentives/fh/enrolments", new { track = "standard", agreement_signed = true })).StatusCode == HttpStatusCode.Created,
            Patience,
            "the role-certified partner's FH application is accepted");
        await OkAsync(await PostAsync(vendor, "/v2/vendor/incentives/fh/staff", new
        {
            partner_id = partnerId, track = "standard", name = "Expert Wang", monthly_amount = 8000m, active_from = "2026-01-01",
        }), HttpStatusCode.Created);

        // Verifies each month of the third quarter: the schedule generates it on the 1st of the next month (China time).
        foreach (var month in new[] { 7, 8, 9 })
        {
            host.Clock.SetUtcNow(new DateTimeOffset(2026, month + 1, 1, 1, 0, 0, TimeSpan.Zero));
            var list = await EventuallyAsync(async () =>
            {
                var lists = await OkAsync(await partner.GetAsync("/v2/partners/incentives/fh/monthly-lists?status=awaiting_verification"));
                return lists.GetProperty("monthly_lists").EnumerateArray().Where(l => l.GetProperty("month").GetString() == $"2026-{month:00}").Select(l => (JsonElement?)l).FirstOrDefault();
            });
            var verified = await OkAsync(await PostAsync(partner, $"/v2/partners/incentives/fh/monthly-lists/{Id(list)}/verification", new
            {
                staff_count = 1, total_amount = 8000m, materials = new[] { $"attendance-2026-{month:00}.pdf" },
            }));
            Assert.Equal("in_first_review", verified.GetProperty("status").GetString());
            await OkAsync(await PostAsync(vendor, $"/v2/vendor/incentives/fh/monthly-lists/{Id(list)}/review", new { approve = true }));
        }

        // Applies for the quarter's payment, registers two invoices and sees it paid.
        host.Clock.SetUtcNow(new DateTimeOffset(2026, 10, 9, 2, 0, 0, TimeSpan.Zero));
        var application = await OkAsync(await PostAsync(partner, "/v2/partners/incentives/fh/payment-applications", new { quarter = "2026-Q3" }), HttpStatusCode.Created);
        Assert.Equal(24000m, application.GetProperty("amount").GetDecimal());
        var applicationPath = $"/v2/partners/incentives/fh/payment-applications/{Id(application)}";
        var invoiceNumber = "INV-" + partnerId.ToString("N")[..10];
        await OkAsync(await PostAsync(partner, applicationPath + "/invoices", new { invoice_number = invoiceNumber + "-1", amount = 20000m, currency = "CNY", issued_on = "2026-10-09" }), HttpStatusCode.Created);
        await OkAsync(await PostAsync(partner, applicationPath + "/invoices", new { invoice_number = invoiceNumber + "-2", amount = 4000m, currency = "CNY", issued_on = "2026-10-09" }), HttpStatusCode.Created);
        foreach (var step in new[] { "invoice_received", "paying", "paid" })
        {
            await OkAsync(await PostAsync(vendor, $"/v2/vendor/incentives/fh/payment-applications/{Id(application)}/progress", new { status = step }));
        }

        var paid = await OkAsync(await partner.GetAsync(applicationPath));
        Assert.Equal("paid", paid.GetProperty("status").GetString());
        Assert.Equal(24000m, paid.GetProperty("invoiced_amount").GetDecimal());
        Assert.Equal(2, paid.GetProperty("invoices").GetArrayLength());

        // A statement line auto-confirms at its deadline unless the partner disputed it.
        var quiet = await EstimateAsync(vendor, partnerId, 300m);
        var disputed = await EstimateAsync(vendor, partnerId, 400m);
        await OkAsync(await PostAsync(vendor, "/v2/vendor/incentives/statements/publication", new { partner_id = partnerId, period = "2026-10" }));
        await OkAsync(await PostAsync(partner, $"/v2/partners/incentives/statement-lines/{disputed}/feedback", new { feedback = "the consumption is lower than billed" }));
        var confirmBy = (await OkAsync(await partner.GetAsync($"/v2/partners/incentives/statement-lines/{quiet}"))).GetProperty("confirm_by").GetDateTimeOffset();

        host.Clock.SetUtcNow(confirmBy.AddSeconds(1));
        var confirmed = await EventuallyAsync(async () =>
        {
            var line = await OkAsync(await partner.GetAsync($"/v2/partners/incentives/statement-lines/{quiet}"));
            return line.GetProperty("status").GetString() == "issuing" ? line : (JsonElement?)null;
        });
        Assert.True(confirmed.GetProperty("confirmed_automatically").GetBoolean());
        var stillDisputed = await OkAsync(await partner.GetAsync($"/v2/partners/incentives/statement-lines/{disputed}"));
        Assert.Equal("pending_confirmation", stillDisputed.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, stillDisputed.GetProperty("confirmed_at").ValueKind);
    }

    /// <summary>A gateway client carrying a token the service accepts whatever the test does with the service's clock.</summary>
    private HttpClient Client(GatewayInFront gateway, CurrentCaller caller)
    {
        var client = gateway.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", host.IssueToken(caller));
        return client;
    }

    private static async Task<Guid> EstimateAsync(HttpClient vendor, Guid partnerId, decimal amount) =>
        Id(await OkAsync(await PostAsync(vendor, "/v2/vendor/incentives/statement-lines", new
        {
            partner_id = partnerId, period = "2026-10", incentive_kind = "cloud_consumption", amount, currency = "CNY",
            metric = "consumption", metric_value = amount * 20, formula = "consumption × 5%", sources = new[] { "billing:2026-10" },
        }), HttpStatusCode.Created));

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, string path, object body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString("N"));
        return client.SendAsync(request);
    }

    private static async Task<JsonElement> OkAsync(HttpResponseMessage response, HttpStatusCode status = HttpStatusCode.OK)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri?.PathAndQuery}: expected {(int)status}, got {(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private static Guid Id(JsonElement? element) => element!.Value.GetProperty("id").GetGuid();

    private static async Task<JsonElement> EventuallyAsync(Func<Task<JsonElement?>> probe)
    {
        JsonElement? found = null;
        await PartnerPlatform.Testing.Eventually.HoldsAsync(async () => (found = await probe()) is not null, Patience, "the job did its part");
        return found!.Value;
    }

    /// <summary>incentives-api on real servers, its generation and sweepers every second.</summary>
    public sealed class IncentivesHost : ServiceApiFactory<incentives::Program>
    {
        protected override string DatabaseName => "incentivesdb";

        protected override void ConfigureService(IWebHostBuilder builder) => builder.UseSetting("Incentives:JobInterval", "00:00:01");
    }
}

using System.Net;
using Incentives.Tests.Support;
using Microsoft.EntityFrameworkCore;
using PartnerPlatform.Testing;

namespace Incentives.Tests;

/// <summary>The "Done when": a role-certified partner qualifies, verifies its months, applies for the quarter's payment, registers invoices and sees it paid.</summary>
[Collection(IncentivesCollection.Name)]
public sealed class FhPaymentJourneyTests(IncentivesApiFactory api)
{
    [Fact]
    public async Task A_role_certified_partner_verifies_a_quarter_applies_for_payment_registers_invoices_and_is_paid()
    {
        var scenario = new Scenario(api);
        api.Clock.SetUtcNow(new DateTimeOffset(2026, 6, 15, 2, 0, 0, TimeSpan.Zero));
        var staff = await scenario.EnrolledWithStaffAsync(8000m, 6500.50m);
        await scenario.BusinessInfoCertifiedAsync();

        foreach (var month in new[] { 7, 8, 9 })
        {
            // The schedule's moment: the 1st of the next month, China time.
            api.Clock.SetUtcNow(new DateTimeOffset(2026, month + 1, 1, 1, 0, 0, TimeSpan.Zero));
            using var vendor = scenario.Vendor();
            using var partner = scenario.Partner();
            var generated = await vendor.PostOkAsync("/v2/vendor/incentives/fh/monthly-lists/generation", new { month = $"2026-{month:00}" });
            Assert.True(generated.GetProperty("generated").GetInt32() >= 1);

            var lists = await partner.GetOkAsync("/v2/partners/incentives/fh/monthly-lists?status=awaiting_verification");
            var list = Assert.Single(lists.GetProperty("monthly_lists").EnumerateArray());
            Assert.Equal($"2026-{month:00}", list.Text("month"));
            Assert.Equal(2, list.GetProperty("staff_count").GetInt32());
            Assert.Equal(14500.50m, list.Decimal("total_amount"));

            var detail = await partner.GetOkAsync($"/v2/partners/incentives/fh/monthly-lists/{list.Id()}");
            Assert.Equal(staff.Order(), detail.GetProperty("lines").EnumerateArray().Select(l => l.GetProperty("staff_id").GetGuid()).Order());

            var verified = await partner.PostOkAsync(
                $"/v2/partners/incentives/fh/monthly-lists/{list.Id()}/verification",
                new { staff_count = 2, total_amount = 14500.50m, materials = new[] { "attendance.pdf" } });
            Assert.Equal("in_first_review", verified.Text("status"));

            var reviewed = await vendor.PostOkAsync($"/v2/vendor/incentives/fh/monthly-lists/{list.Id()}/review", new { approve = true });
            Assert.Equal("passed", reviewed.Text("status"));
        }

        api.Clock.SetUtcNow(new DateTimeOffset(2026, 10, 9, 2, 0, 0, TimeSpan.Zero));
        using var partnerClient = scenario.Partner();
        using var vendorClient = scenario.Vendor();
        var application = await partnerClient.PostOkAsync("/v2/partners/incentives/fh/payment-applications", new { quarter = "2026-Q3" }, HttpStatusCode.Created);
        Assert.Equal("applied", application.Text("status"));
        Assert.Equal(43501.50m, application.Decimal("amount"));
        var applicationId = application.Id();

        await partnerClient.PostOkAsync(
            $"/v2/partners/incentives/fh/payment-applications/{applicationId}/invoices",
            new { invoice_number = "INV-" + scenario.PartnerId.ToString("N")[..8] + "-1", amount = 30000m, currency = "CNY", issued_on = "2026-10-09" },
            HttpStatusCode.Created);
        await ProblemAssert.IsProblem(
            await vendorClient.PostJsonAsync($"/v2/vendor/incentives/fh/payment-applications/{applicationId}/progress", new { status = "invoice_received" }),
            HttpStatusCode.Conflict, "CBC.99018038");
        await partnerClient.PostOkAsync(
            $"/v2/partners/incentives/fh/payment-applications/{applicationId}/invoices",
            new { invoice_number = "INV-" + scenario.PartnerId.ToString("N")[..8] + "-2", amount = 13501.50m, currency = "CNY", issued_on = "2026-10-09" },
            HttpStatusCode.Created);

        await ProblemAssert.IsProblem(
            await vendorClient.PostJsonAsync($"/v2/vendor/incentives/fh/payment-applications/{applicationId}/progress", new { status = "paid" }),
            HttpStatusCode.Conflict, "CBC.99018036");
        Assert.Equal("invoice_received", (await vendorClient.PostOkAsync($"/v2/vendor/incentives/fh/payment-applications/{applicationId}/progress", new { status = "invoice_received" })).Text("status"));
        var paying = await vendorClient.PostOkAsync($"/v2/vendor/incentives/fh/payment-applications/{applicationId}/progress", new { status = "paying" });
        // Friday 9 October + 2 working days: Saturday 10 October is a make-up working day, then Monday 12 October.
        Assert.Equal("2026-10-12T15:59:59Z", paying.Text("pay_by"));
        await vendorClient.PostOkAsync($"/v2/vendor/incentives/fh/payment-applications/{applicationId}/progress", new { status = "paid" });

        var seen = await partnerClient.GetOkAsync($"/v2/partners/incentives/fh/payment-applications/{applicationId}");
        Assert.Equal("paid", seen.Text("status"));
        Assert.Equal(2, seen.GetProperty("invoices").GetArrayLength());
        Assert.Equal(43501.50m, seen.Decimal("invoiced_amount"));

        Assert.Contains(await api.PayloadsAsync("PaymentApplied"), p => p.Contains(applicationId.ToString(), StringComparison.Ordinal));
        Assert.Contains(await api.PayloadsAsync("PaymentPaid"), p => p.Contains(applicationId.ToString(), StringComparison.Ordinal));
        Assert.Equal(3, (await api.PayloadsAsync("IncentiveVerified")).Count(p => p.Contains(scenario.PartnerId.ToString(), StringComparison.Ordinal)));
    }

    [Fact]
    public async Task An_invoice_never_covers_two_applications()
    {
        var scenario = new Scenario(api);
        await scenario.BusinessInfoCertifiedAsync();
        api.Clock.SetUtcNow(new DateTimeOffset(2026, 10, 9, 2, 0, 0, TimeSpan.Zero));
        var first = await Arrange.PassedQuarterAsync(api, scenario.PartnerId, new DateOnly(2026, 4, 1));
        var second = await Arrange.PassedQuarterAsync(api, scenario.PartnerId, new DateOnly(2026, 7, 1));
        using var partner = scenario.Partner();
        var q2 = await partner.PostOkAsync("/v2/partners/incentives/fh/payment-applications", new { quarter = "2026-Q2" }, HttpStatusCode.Created);
        var q3 = await partner.PostOkAsync("/v2/partners/incentives/fh/payment-applications", new { quarter = "2026-Q3" }, HttpStatusCode.Created);
        var invoice = new { invoice_number = "SHARED-" + scenario.PartnerId.ToString("N")[..8], amount = 100m, currency = "CNY", issued_on = "2026-10-09" };

        await partner.PostOkAsync($"/v2/partners/incentives/fh/payment-applications/{q2.Id()}/invoices", invoice, HttpStatusCode.Created);
        await ProblemAssert.IsProblem(
            await partner.PostJsonAsync($"/v2/partners/incentives/fh/payment-applications/{q3.Id()}/invoices", invoice), HttpStatusCode.Conflict, "CBC.99018037");
        var dollars = new { invoice_number = "USD-" + scenario.PartnerId.ToString("N")[..8], amount = 100m, currency = "USD", issued_on = "2026-10-09" };
        await ProblemAssert.IsProblem(
            await partner.PostJsonAsync($"/v2/partners/incentives/fh/payment-applications/{q3.Id()}/invoices", dollars), HttpStatusCode.BadRequest, "CBC.99018039");
        Assert.NotEqual(first, second);
    }

    [Fact]
    public async Task One_project_is_claimed_by_one_dedicated_person_only()
    {
        var scenario = new Scenario(api);
        var staff = await scenario.EnrolledWithStaffAsync(100m, 200m);
        using var vendor = scenario.Vendor();
        var project = await vendor.PostOkAsync("/v2/vendor/incentives/fh/projects", new { partner_id = scenario.PartnerId, name = "ERP" }, HttpStatusCode.Created);

        var attempts = await Task.WhenAll(staff.Select(s => vendor.PostJsonAsync($"/v2/vendor/incentives/fh/projects/{project.Id()}/assignment", new { staff_id = s })));
        Assert.Single(attempts, r => r.StatusCode == HttpStatusCode.OK);
        await ProblemAssert.IsProblem(Assert.Single(attempts, r => r.StatusCode != HttpStatusCode.OK), HttpStatusCode.Conflict, "CBC.99018010");

        await using var db = api.Db();
        var holder = (await db.FhProjects.SingleAsync(p => p.Id == project.Id())).StaffId;
        Assert.Contains(holder!.Value, staff);
    }
}

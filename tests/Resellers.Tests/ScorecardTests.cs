using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using PartnerPlatform.Contracts.Resellers;
using Resellers.Api.Domain;
using Resellers.Tests.Support;

namespace Resellers.Tests;

/// <summary>Scorecards, improvement plans (irrevocable once vendor-approved) and the distributor's aggregates.</summary>
[Collection(ApiCollection.Name)]
public sealed class ScorecardTests(ResellersApiFactory api)
{
    private const string Scorecards = "/v2/partners/distribution/scorecards";
    private readonly Scenario _scenario = new(api);

    [Fact]
    public async Task A_failed_scorecard_goes_through_plan_upload_approval_and_then_cannot_be_withdrawn()
    {
        var (_, _, reseller) = await _scenario.ActiveLinkAsync();
        var card = await PublishAsync(reseller, "2026-Q2", newCustomers: 0, coupons: 3, won: 1);
        Assert.False(card.GetProperty("passed").GetBoolean());
        Assert.Equal("required", card.GetProperty("plan_state").GetString());
        var id = card.GetProperty("scorecard_id").GetGuid();
        var client = _scenario.AsReseller(reseller);

        var template = await client.GetAsync("/v2/partners/distribution/improvement-plan-template");
        Assert.Equal("text/csv", template.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("section,item", await template.Content.ReadAsStringAsync());

        var etag = (await client.GetAsync($"{Scorecards}/{id}")).Headers.ETag!.Tag;
        var submitted = await SubmitAsync(client, id, "downgrade", etag);
        Assert.Equal("submitted", (await ProblemAssert.IsSuccess(submitted)).GetProperty("plan_state").GetString());
        var withdrawn = await ProblemAssert.IsSuccess(await client.PostAsync($"{Scorecards}/{id}/improvement-plan/withdraw", null));
        Assert.Equal("required", withdrawn.GetProperty("plan_state").GetString());

        etag = (await client.GetAsync($"{Scorecards}/{id}")).Headers.ETag!.Tag;
        await ProblemAssert.IsSuccess(await SubmitAsync(client, id, "rectification", etag));
        var document = await client.GetAsync($"{Scorecards}/{id}/improvement-plan/document");
        Assert.Equal("plan,rectify\n", await document.Content.ReadAsStringAsync());

        var vendor = _scenario.AsVendor();
        var approved = await ProblemAssert.IsSuccess(
            await Scenario.SendJsonAsync(vendor, HttpMethod.Post, $"{Scorecards}/{id}/improvement-plan/approve", new { note = "agreed with the office" }));
        Assert.Equal("approved", approved.GetProperty("plan_state").GetString());
        Assert.Equal("rectification", approved.GetProperty("handling_option").GetString());

        await ProblemAssert.IsProblem(
            await client.PostAsync($"{Scorecards}/{id}/improvement-plan/withdraw", null), HttpStatusCode.Conflict, "CBC.600013");
        etag = (await client.GetAsync($"{Scorecards}/{id}")).Headers.ETag!.Tag;
        await ProblemAssert.IsProblem(await SubmitAsync(client, id, "voluntary_exit", etag), HttpStatusCode.Conflict, "CBC.600013");
        await ProblemAssert.IsProblem(
            await Scenario.SendJsonAsync(vendor, HttpMethod.Post, $"{Scorecards}/{id}/improvement-plan/reject", new { }), HttpStatusCode.Conflict, "CBC.0150");

        var staged = await _scenario.Api.WithDbAsync(db => db.Database
            .SqlQuery<string>($"SELECT message_type AS \"Value\" FROM outbox_messages WHERE payload::text LIKE {"%" + id + "%"} ORDER BY id")
            .ToListAsync());
        Assert.Equal([nameof(ScorecardPublished), nameof(ImprovementPlanApproved)], staged.Select(t => t.Split(',')[0].Split('.')[^1]));
    }

    [Fact]
    public async Task A_rejected_plan_can_be_submitted_again()
    {
        var (_, _, reseller) = await _scenario.ActiveLinkAsync();
        var id = (await PublishAsync(reseller, "2026-Q2", 0, 0, 0)).GetProperty("scorecard_id").GetGuid();
        var client = _scenario.AsReseller(reseller);
        await ProblemAssert.IsSuccess(await SubmitAsync(client, id, "rectification", "*"));
        await ProblemAssert.IsSuccess(await Scenario.SendJsonAsync(_scenario.AsVendor(), HttpMethod.Post, $"{Scorecards}/{id}/improvement-plan/reject", new { note = "too vague" }));

        var again = await ProblemAssert.IsSuccess(await SubmitAsync(client, id, "rectification", "*"));

        Assert.Equal("submitted", again.GetProperty("plan_state").GetString());
    }

    [Fact]
    public async Task A_passed_scorecard_needs_no_plan()
    {
        var (_, _, reseller) = await _scenario.ActiveLinkAsync();
        var card = await PublishAsync(reseller, "2026-Q1", 5, 5, 1);
        Assert.True(card.GetProperty("passed").GetBoolean());

        var response = await SubmitAsync(_scenario.AsReseller(reseller), card.GetProperty("scorecard_id").GetGuid(), "rectification", "*");

        await ProblemAssert.IsProblem(response, HttpStatusCode.Conflict, "CBC.0150");
    }

    [Fact]
    public async Task Metrics_left_out_are_computed_from_the_read_model_of_the_period()
    {
        var (_, _, reseller) = await _scenario.ActiveLinkAsync();
        await _scenario.Api.WithDbAsync(async db =>
        {
            db.KnownCustomerAssociations.AddRange(
                new KnownCustomerAssociation { Id = Guid.NewGuid(), CustomerId = Guid.NewGuid(), OwnerPartnerId = reseller, AssociatedAt = new DateTimeOffset(2026, 4, 2, 0, 0, 0, TimeSpan.Zero) },
                new KnownCustomerAssociation { Id = Guid.NewGuid(), CustomerId = Guid.NewGuid(), OwnerPartnerId = reseller, AssociatedAt = new DateTimeOffset(2026, 6, 30, 23, 0, 0, TimeSpan.Zero) },
                new KnownCustomerAssociation { Id = Guid.NewGuid(), CustomerId = Guid.NewGuid(), OwnerPartnerId = reseller, AssociatedAt = new DateTimeOffset(2026, 7, 1, 0, 0, 0, TimeSpan.Zero) });
            await db.SaveChangesAsync();
        });

        var response = await Scenario.PostIdempotentAsync(_scenario.AsVendor(), Scorecards, new { reseller_partner_id = reseller, period = "2026-Q2", opportunities_won = 2 });

        var card = await ProblemAssert.IsSuccess(response, HttpStatusCode.Created);
        Assert.Equal(2, card.GetProperty("metrics").GetProperty("new_customers").GetInt32());
        Assert.Equal(0, card.GetProperty("metrics").GetProperty("coupon_redemptions").GetInt32());
    }

    [Fact]
    public async Task One_scorecard_per_reseller_and_period_and_only_for_a_linked_reseller()
    {
        var (_, _, reseller) = await _scenario.ActiveLinkAsync();
        await PublishAsync(reseller, "2025-Q4", 1, 1, 0);

        var twice = await Scenario.PostIdempotentAsync(_scenario.AsVendor(), Scorecards, new { reseller_partner_id = reseller, period = "2025-Q4", new_customers = 1 });
        var unlinked = await Scenario.PostIdempotentAsync(_scenario.AsVendor(), Scorecards, new { reseller_partner_id = await _scenario.PartnerAsync(), period = "2025-Q4" });
        var badPeriod = await Scenario.PostIdempotentAsync(_scenario.AsVendor(), Scorecards, new { reseller_partner_id = reseller, period = "2025-13" });

        await ProblemAssert.IsProblem(twice, HttpStatusCode.Conflict, "CBC.600015");
        await ProblemAssert.IsProblem(unlinked, HttpStatusCode.Conflict, "CBC.600014");
        await ProblemAssert.IsProblem(badPeriod, HttpStatusCode.BadRequest, "CBC.0100");
    }

    [Fact]
    public async Task The_distributor_sees_aggregates_of_its_own_resellers_only_and_no_customer_data()
    {
        var distributor = await _scenario.DistributorAsync();
        var (_, _, passing) = await _scenario.ActiveLinkAsync(distributor);
        var (_, _, failing) = await _scenario.ActiveLinkAsync(distributor);
        var (_, _, elsewhere) = await _scenario.ActiveLinkAsync();
        await PublishAsync(passing, "2026-Q3", 4, 2, 1);
        var failed = (await PublishAsync(failing, "2026-Q3", 0, 1, 0)).GetProperty("scorecard_id").GetGuid();
        await PublishAsync(elsewhere, "2026-Q3", 9, 9, 9);
        await ProblemAssert.IsSuccess(await SubmitAsync(_scenario.AsReseller(failing), failed, "rectification", "*"));

        var response = await _scenario.AsDistributor(distributor).GetAsync($"{Scorecards}/summary?period=2026-Q3");

        var summary = await ProblemAssert.IsSuccess(response);
        Assert.Equal(2, summary.GetProperty("reseller_count").GetInt32());
        Assert.Equal(1, summary.GetProperty("passed_count").GetInt32());
        Assert.Equal(1, summary.GetProperty("plans").GetProperty("submitted").GetInt32());
        Assert.Equal(4, summary.GetProperty("totals").GetProperty("new_customers").GetInt32());
        Assert.Equal(3, summary.GetProperty("totals").GetProperty("coupon_redemptions").GetInt32());
        var text = summary.ToString();
        Assert.DoesNotContain("customer_id", text);
        Assert.DoesNotContain("plan_file_name", text);

        var direct = await _scenario.AsDistributor(distributor).GetAsync($"{Scorecards}/{failed}");
        await ProblemAssert.IsProblem(direct, HttpStatusCode.NotFound, "CBC.0156");
    }

    private async Task<System.Text.Json.JsonElement> PublishAsync(Guid reseller, string period, int newCustomers, int coupons, int won)
    {
        var response = await Scenario.PostIdempotentAsync(
            _scenario.AsVendor(),
            Scorecards,
            new { reseller_partner_id = reseller, period, new_customers = newCustomers, coupon_redemptions = coupons, opportunities_won = won });
        return await ProblemAssert.IsSuccess(response, HttpStatusCode.Created);
    }

    private static Task<HttpResponseMessage> SubmitAsync(HttpClient client, Guid id, string option, string etag) =>
        Scenario.SendJsonAsync(
            client,
            HttpMethod.Put,
            $"{Scorecards}/{id}/improvement-plan",
            new { file_name = "plan.csv", content_type = "text/csv", content_base64 = Convert.ToBase64String(Encoding.UTF8.GetBytes("plan,rectify\n")), handling_option = option },
            etag);
}

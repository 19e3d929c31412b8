using System.Net;
using Coupons.Api.Jobs;
using Coupons.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartnerPlatform.Contracts.Identity;

namespace Coupons.Tests;

[Collection(CouponsCollection.Name)]
public sealed class RecallTests(CouponsApiFactory api)
{
    private const string RecallPath = "/v2/promotions/benefits/partner-coupons/reclaim";
    private readonly Scenario _scenario = new(api);

    [Fact]
    public async Task Recalling_the_whole_balance_closes_the_coupon_and_returns_the_amount_to_the_quota()
    {
        var issuer = await _scenario.NewIssuerAsync(amount: 100.00m, customers: 1);
        var couponId = await _scenario.IssueOneAsync(issuer, 40.00m);
        using var client = issuer.Client();

        var body = await (await client.PostIdempotentAsync(RecallPath, new { coupon_id = couponId, remark = "wrong customer" })).IsSuccess();

        Assert.Equal("40.00", body.GetProperty("recalled_amount").GetRawText());
        Assert.Equal("0.00", body.GetProperty("balance").GetRawText());
        Assert.Equal("recalled", body.GetProperty("status").GetString());
        Assert.True(body.GetProperty("returned_to_quota").GetBoolean());
        var (remaining, movements) = await _scenario.QuotaBalanceAsync(issuer.QuotaId);
        Assert.Equal(100.00m, remaining);
        Assert.Equal(remaining, movements);
        var (balance, _, ledger) = await _scenario.CouponBalanceAsync(couponId);
        Assert.Equal(balance, ledger);

        await (await client.PostIdempotentAsync(RecallPath, new { coupon_id = couponId })).IsProblem(HttpStatusCode.BadRequest, "CBC.99000048");
        var log = await (await client.GetAsync($"/v2/promotions/benefits/partner-coupons/records/query?coupon_id={couponId}&operation_type=coupon_recalled")).IsSuccess();
        Assert.Equal("wrong customer", log.GetProperty("records")[0].GetProperty("remark").GetString());
    }

    [Fact]
    public async Task A_partial_recall_leaves_the_rest_available_and_more_than_the_balance_is_refused()
    {
        var issuer = await _scenario.NewIssuerAsync(amount: 100.00m, customers: 1);
        var couponId = await _scenario.IssueOneAsync(issuer, 40.00m);
        using var client = issuer.Client();

        var body = await (await client.PostIdempotentAsync(RecallPath, new { coupon_id = couponId, amount = 15.50m })).IsSuccess();
        Assert.Equal("24.50", body.GetProperty("balance").GetRawText());
        Assert.Equal("available", body.GetProperty("status").GetString());
        Assert.Equal(75.50m, (await _scenario.QuotaBalanceAsync(issuer.QuotaId)).Remaining);

        await (await client.PostIdempotentAsync(RecallPath, new { coupon_id = couponId, amount = 24.51m })).IsProblem(HttpStatusCode.BadRequest, "CBC.99006021");
        await (await client.PostIdempotentAsync(RecallPath, new { coupon_id = couponId, amount = 0.001m })).IsProblem(HttpStatusCode.BadRequest, "CBC.0100");
        await (await client.PostIdempotentAsync(RecallPath, new { amount = 1.00m })).IsProblem(HttpStatusCode.BadRequest, "CBC.0100");
    }

    [Fact]
    public async Task A_recall_into_a_quota_that_is_no_longer_valid_is_not_returned()
    {
        var issuer = await _scenario.NewIssuerAsync(amount: 100.00m, customers: 1);
        var couponId = await _scenario.IssueOneAsync(issuer, 40.00m);
        using var vendor = _scenario.VendorClient();
        var etag = (await vendor.GetAsync($"/v2/partners/coupon-quotas/{issuer.QuotaId}")).Headers.ETag!.Tag;
        await (await vendor.PostAsync($"/v2/partners/coupon-quotas/{issuer.QuotaId}/status", new { status = "invalid" }, ifMatch: etag)).IsSuccess();
        using var client = issuer.Client();

        var body = await (await client.PostIdempotentAsync(RecallPath, new { coupon_id = couponId })).IsSuccess();

        Assert.False(body.GetProperty("returned_to_quota").GetBoolean());
        var (remaining, movements) = await _scenario.QuotaBalanceAsync(issuer.QuotaId);
        Assert.Equal(60.00m, remaining);
        Assert.Equal(remaining, movements);
    }

    [Fact]
    public async Task A_recall_into_a_frozen_or_adjusting_quota_is_returned_because_the_quota_is_still_valid()
    {
        foreach (var status in new[] { "frozen", "adjusting" })
        {
            var issuer = await _scenario.NewIssuerAsync(amount: 100.00m, customers: 1);
            var couponId = await _scenario.IssueOneAsync(issuer, 40.00m);
            using var vendor = _scenario.VendorClient();
            var etag = (await vendor.GetAsync($"/v2/partners/coupon-quotas/{issuer.QuotaId}")).Headers.ETag!.Tag;
            await (await vendor.PostAsync($"/v2/partners/coupon-quotas/{issuer.QuotaId}/status", new { status }, ifMatch: etag)).IsSuccess();
            using var client = issuer.Client();

            var body = await (await client.PostIdempotentAsync(RecallPath, new { coupon_id = couponId, amount = 15.00m })).IsSuccess();

            Assert.True(body.GetProperty("returned_to_quota").GetBoolean(), status);
            var (remaining, movements) = await _scenario.QuotaBalanceAsync(issuer.QuotaId);
            Assert.Equal(75.00m, remaining);
            Assert.Equal(remaining, movements);
            var quota = await (await client.GetAsync($"/v2/partners/coupon-quotas/{issuer.QuotaId}")).IsSuccess();
            Assert.Equal(status, quota.GetProperty("quota_status").GetString());
        }
    }

    [Fact]
    public async Task A_distributor_cannot_recall_a_coupon_of_a_resellers_customer_while_the_link_is_suspended()
    {
        var (distributor, reseller, linkId) = await _scenario.NewLinkedResellerAsync();
        var quota = (await _scenario.GrantQuotaAsync(distributor, 100.00m)).GetProperty("quota_id").GetGuid();
        var customers = await _scenario.NewCustomersAsync(distributor, 1, indirectPartnerId: reseller);
        using var client = _scenario.ClientFor(distributor, "distributor");
        var issued = await (await client.PostIdempotentAsync("/v2/promotions/benefits/partner-coupons", new
        {
            quota_id = quota, customer_ids = customers, face_value = 10.00m, indirect_partner_id = reseller,
        })).IsSuccess();
        var couponId = issued.GetProperty("succeeded")[0].GetProperty("coupon_id").GetGuid();
        await api.PublishAsync(new PartnerPlatform.Contracts.Resellers.ResellerSuspended(linkId, distributor, reseller, _scenario.Now.AddSeconds(1)));
        await api.EventuallyAsync(db => db.ResellerLinks.AnyAsync(l => l.LinkId == linkId && l.Status == "suspended"), "suspension");

        await (await client.PostIdempotentAsync(RecallPath, new { coupon_id = couponId })).IsProblem(HttpStatusCode.Forbidden, "CBC.99006004");
        Assert.Equal(10.00m, (await _scenario.CouponBalanceAsync(couponId)).Balance);
        Assert.Equal(90.00m, (await _scenario.QuotaBalanceAsync(quota)).Remaining);

        await api.PublishAsync(new PartnerPlatform.Contracts.Resellers.ResellerReinstated(linkId, distributor, reseller, _scenario.Now.AddSeconds(2)));
        await api.EventuallyAsync(db => db.ResellerLinks.AnyAsync(l => l.LinkId == linkId && l.Status == "active"), "reinstatement");
        var recalled = await (await client.PostIdempotentAsync(RecallPath, new { coupon_id = couponId })).IsSuccess();
        Assert.Equal("recalled", recalled.GetProperty("status").GetString());
        Assert.Equal(100.00m, (await _scenario.QuotaBalanceAsync(quota)).Remaining);
    }

    [Fact]
    public async Task Coupons_of_a_customer_now_associated_as_referral_cannot_be_recalled()
    {
        var issuer = await _scenario.NewIssuerAsync(customers: 1);
        var couponId = await _scenario.IssueOneAsync(issuer, 10.00m);
        await api.PublishAsync(new CustomerAssociated(issuer.PartnerId, issuer.Customers[0], "referral", null, _scenario.Now.AddSeconds(1)));
        await api.EventuallyAsync(db => db.CustomerAssociations.AnyAsync(a => a.CustomerId == issuer.Customers[0] && a.AssociationType == "referral"), "referral");
        using var client = issuer.Client();

        await (await client.PostIdempotentAsync(RecallPath, new { coupon_id = couponId })).IsProblem(HttpStatusCode.BadRequest, "CBC.99000045");
    }

    [Fact]
    public async Task A_used_coupon_cannot_be_recalled_and_an_expired_one_answers_expired()
    {
        var issuer = await _scenario.NewIssuerAsync(customers: 1, edit: body => body["expire_time"] = _scenario.Now.AddDays(400));
        var used = await _scenario.IssueOneAsync(issuer, 10.00m);
        var expiring = await _scenario.IssueOneAsync(issuer, 10.00m, extra: new { expire_time = _scenario.Now.AddDays(1) });
        using var ops = api.Client(Scenario.Vendor("ops"));
        await (await ops.PostAsync($"/v2/coupons/{used}/redemptions", new { order_id = "o-" + used, order_amount = 50.00m, currency = "CNY" }))
            .IsSuccess(HttpStatusCode.Created);
        using var client = issuer.Client();

        await (await client.PostIdempotentAsync(RecallPath, new { coupon_id = used })).IsProblem(HttpStatusCode.Conflict, "CBC.99006020");

        api.Clock.Advance(TimeSpan.FromDays(2));
        using var later = issuer.Client();
        await (await later.PostIdempotentAsync(RecallPath, new { coupon_id = expiring })).IsProblem(HttpStatusCode.BadRequest, "CBC.99000048");
        await api.Services.GetRequiredService<ExpirySweeper>().SweepAsync();
        await (await later.PostIdempotentAsync(RecallPath, new { coupon_id = expiring })).IsProblem(HttpStatusCode.BadRequest, "CBC.99000048");
    }

    [Fact]
    public async Task Recall_needs_the_recall_permission_item()
    {
        var issuer = await _scenario.NewIssuerAsync(customers: 1);
        var couponId = await _scenario.IssueOneAsync(issuer, 10.00m);
        using var client = api.Client(Scenario.Partner(issuer.PartnerId, permissions: ["coupons.issue"]));

        await (await client.PostIdempotentAsync(RecallPath, new { coupon_id = couponId })).IsProblem(HttpStatusCode.Forbidden, "CBC.0155");
    }
}

using System.Net;
using Coupons.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Coupons.Tests;

[Collection(CouponsCollection.Name)]
public sealed class RedemptionTests(CouponsApiFactory api)
{
    private readonly Scenario _scenario = new(api);

    private ApiClient OrderingSystem() => api.Client(Scenario.Vendor("ops"));

    [Fact]
    public async Task A_redemption_replayed_with_the_same_order_id_gives_the_same_answer_and_spends_once()
    {
        var issuer = await _scenario.NewIssuerAsync(customers: 1);
        var couponId = await _scenario.IssueOneAsync(issuer, 50.00m);
        using var ordering = OrderingSystem();
        var request = new { order_id = "order-" + Guid.NewGuid(), order_amount = 30.00m, currency = "CNY" };

        var first = await ordering.PostAsync($"/v2/coupons/{couponId}/redemptions", request);
        var firstBody = await first.IsSuccess(HttpStatusCode.Created);
        var replay = await ordering.PostAsync($"/v2/coupons/{couponId}/redemptions", request);
        var replayBody = await replay.IsSuccess(HttpStatusCode.Created);

        Assert.Equal(firstBody.GetRawText(), replayBody.GetRawText());
        Assert.Equal(first.Headers.Location, replay.Headers.Location);
        Assert.Equal("30.00", firstBody.GetProperty("deducted_amount").GetRawText());
        Assert.Equal("20.00", firstBody.GetProperty("balance").GetRawText());
        var (balance, status, ledger) = await _scenario.CouponBalanceAsync(couponId);
        Assert.Equal(20.00m, balance);
        Assert.Equal(balance, ledger);
        await using var db = api.Db();
        Assert.Equal(1, await db.Redemptions.CountAsync(r => r.OrderId == request.order_id));
        var events = await db.Database.SqlQuery<int>(
            $"SELECT count(*)::int AS \"Value\" FROM outbox_messages WHERE message_type LIKE 'PartnerPlatform.Contracts.Coupons.CouponRedeemed,%' AND payload->>'orderId' = {request.order_id}")
            .SingleAsync();
        Assert.Equal(1, events);
    }

    [Fact]
    public async Task Concurrent_replays_of_one_order_spend_once()
    {
        var issuer = await _scenario.NewIssuerAsync(customers: 1);
        var couponId = await _scenario.IssueOneAsync(issuer, 50.00m);
        var request = new { order_id = "order-" + Guid.NewGuid(), order_amount = 10.00m, currency = "CNY" };
        var token = api.IssueToken(Scenario.Vendor("ops"));

        var bodies = await Task.WhenAll(Enumerable.Range(0, 20).Select(async _ =>
        {
            using var client = new ApiClient(new HttpClient { BaseAddress = api.BaseAddress }, token);
            return (await (await client.PostAsync($"/v2/coupons/{couponId}/redemptions", request)).IsSuccess(HttpStatusCode.Created)).GetRawText();
        }));

        Assert.Single(bodies.Distinct());
        Assert.Equal(40.00m, (await _scenario.CouponBalanceAsync(couponId)).Balance);
    }

    [Fact]
    public async Task One_coupon_per_order_and_a_replay_must_ask_for_the_same_amount()
    {
        var issuer = await _scenario.NewIssuerAsync(customers: 1);
        var first = await _scenario.IssueOneAsync(issuer, 50.00m);
        var second = await _scenario.IssueOneAsync(issuer, 50.00m);
        using var ordering = OrderingSystem();
        var orderId = "order-" + Guid.NewGuid();
        await (await ordering.PostAsync($"/v2/coupons/{first}/redemptions", new { order_id = orderId, order_amount = 30.00m, currency = "CNY" }))
            .IsSuccess(HttpStatusCode.Created);

        await (await ordering.PostAsync($"/v2/coupons/{second}/redemptions", new { order_id = orderId, order_amount = 30.00m, currency = "CNY" }))
            .IsProblem(HttpStatusCode.Conflict, "CBC.99006030");
        await (await ordering.PostAsync($"/v2/coupons/{first}/redemptions", new { order_id = orderId, order_amount = 31.00m, currency = "CNY" }))
            .IsProblem(HttpStatusCode.UnprocessableEntity, "CBC.0158");
        Assert.Equal(50.00m, (await _scenario.CouponBalanceAsync(second)).Balance);
    }

    [Fact]
    public async Task A_coupon_pays_at_most_its_balance_and_is_used_up_afterwards()
    {
        var issuer = await _scenario.NewIssuerAsync(customers: 1);
        var couponId = await _scenario.IssueOneAsync(issuer, 50.00m);
        using var ordering = OrderingSystem();

        var body = await (await ordering.PostAsync($"/v2/coupons/{couponId}/redemptions", new { order_id = "o-" + Guid.NewGuid(), order_amount = 80.00m, currency = "CNY" }))
            .IsSuccess(HttpStatusCode.Created);

        Assert.Equal("50.00", body.GetProperty("deducted_amount").GetRawText());
        Assert.Equal("used", body.GetProperty("coupon_status").GetString());
        await (await ordering.PostAsync($"/v2/coupons/{couponId}/redemptions", new { order_id = "o-" + Guid.NewGuid(), order_amount = 10.00m, currency = "CNY" }))
            .IsProblem(HttpStatusCode.Conflict, "CBC.99006020");
    }

    [Fact]
    public async Task The_minimum_order_amount_currency_validity_and_restrictions_are_checked()
    {
        var issuer = await _scenario.NewIssuerAsync(customers: 1, edit: body =>
        {
            body["min_order_amount"] = 100.00m;
            body["cloud_service_types"] = new[] { "hws.service.type.ec2" };
            body["regions"] = new[] { "cn-north-4" };
        });
        var couponId = await _scenario.IssueOneAsync(issuer, 50.00m);
        var later = await _scenario.IssueOneAsync(issuer, 50.00m, extra: new { valid_time = _scenario.Now.AddDays(1) });
        using var ordering = OrderingSystem();
        Task<HttpResponseMessage> Redeem(Guid coupon, decimal amount, string currency = "CNY", string? service = "hws.service.type.ec2", string? region = "cn-north-4") =>
            ordering.PostAsync($"/v2/coupons/{coupon}/redemptions", new
            {
                order_id = "o-" + Guid.NewGuid(), order_amount = amount, currency, cloud_service_type = service, region,
            });

        await (await Redeem(couponId, 99.99m)).IsProblem(HttpStatusCode.BadRequest, "CBC.99006031");
        await (await Redeem(couponId, 150.00m, currency: "USD")).IsProblem(HttpStatusCode.BadRequest, "CBC.99006034");
        await (await Redeem(couponId, 150.00m, service: "hws.service.type.rds")).IsProblem(HttpStatusCode.BadRequest, "CBC.99006033");
        await (await Redeem(couponId, 150.00m, service: null)).IsProblem(HttpStatusCode.BadRequest, "CBC.99006033");
        await (await Redeem(couponId, 150.00m, region: "cn-east-3")).IsProblem(HttpStatusCode.BadRequest, "CBC.99006033");
        await (await Redeem(later, 150.00m)).IsProblem(HttpStatusCode.Conflict, "CBC.99006032");
        await (await Redeem(couponId, 150.00m, currency: "cny")).IsProblem(HttpStatusCode.BadRequest, "CBC.0100");
        await (await Redeem(couponId, 150.00m)).IsSuccess(HttpStatusCode.Created);
        await (await ordering.PostAsync($"/v2/coupons/{couponId}/redemptions", new { order_amount = 150.00m, currency = "CNY" }))
            .IsProblem(HttpStatusCode.BadRequest, "CBC.0100");
        await (await ordering.PostAsync($"/v2/coupons/{couponId}/redemptions", new { order_id = new string('o', 65), order_amount = 150.00m, currency = "CNY" }))
            .IsProblem(HttpStatusCode.BadRequest, "CBC.0100");
    }

    [Fact]
    public async Task A_pickup_voucher_pays_at_most_its_share_of_the_order()
    {
        var issuer = await _scenario.NewIssuerAsync(amount: 1000.00m, customers: 1, quotaType: "pickup_voucher", edit: b => b["max_order_share"] = 0.30m);
        var couponId = await _scenario.IssueOneAsync(issuer, 500.00m);
        using var ordering = OrderingSystem();

        var body = await (await ordering.PostAsync($"/v2/coupons/{couponId}/redemptions", new { order_id = "o-" + Guid.NewGuid(), order_amount = 333.33m, currency = "CNY" }))
            .IsSuccess(HttpStatusCode.Created);

        Assert.Equal("99.99", body.GetProperty("deducted_amount").GetRawText());
        Assert.Equal("400.01", body.GetProperty("balance").GetRawText());
        await (await ordering.PostAsync($"/v2/coupons/{couponId}/redemptions", new { order_id = "o-" + Guid.NewGuid(), order_amount = 0.01m, currency = "CNY" }))
            .IsProblem(HttpStatusCode.Conflict, "CBC.99006035");
    }

    [Fact]
    public async Task A_customer_redeems_only_its_own_coupons_and_partners_do_not_redeem()
    {
        var issuer = await _scenario.NewIssuerAsync(customers: 2);
        var couponId = await _scenario.IssueOneAsync(issuer, 50.00m, issuer.Customers[0]);
        using var owner = api.Client(Scenario.Customer(issuer.Customers[0]));
        using var other = api.Client(Scenario.Customer(issuer.Customers[1]));
        using var partner = issuer.Client();
        var request = new { order_id = "o-" + Guid.NewGuid(), order_amount = 10.00m, currency = "CNY" };

        await (await other.PostAsync($"/v2/coupons/{couponId}/redemptions", request)).IsProblem(HttpStatusCode.NotFound, "CBC.0156");
        await (await partner.PostAsync($"/v2/coupons/{couponId}/redemptions", request)).IsProblem(HttpStatusCode.Forbidden, "CBC.0151");
        await (await owner.PostAsync($"/v2/coupons/{couponId}/redemptions", request)).IsSuccess(HttpStatusCode.Created);
        await (await owner.PostAsync($"/v2/coupons/{Guid.NewGuid()}/redemptions", request)).IsProblem(HttpStatusCode.NotFound, "CBC.0156");
    }
}

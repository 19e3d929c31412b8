using System.Net;
using Coupons.Tests.Support;
using Microsoft.EntityFrameworkCore;
using PartnerPlatform.Contracts.Identity;

namespace Coupons.Tests;

[Collection(CouponsCollection.Name)]
public sealed class IssuingTests(CouponsApiFactory api)
{
    private const string IssuePath = "/v2/promotions/benefits/partner-coupons";
    private readonly Scenario _scenario = new(api);

    [Fact]
    public async Task Each_customer_gets_a_coupon_or_an_error_entry_in_request_order()
    {
        var issuer = await _scenario.NewIssuerAsync(amount: 100.00m, customers: 2);
        var referral = (await _scenario.NewCustomersAsync(issuer.PartnerId, 1, "referral"))[0];
        var stranger = Guid.NewGuid();
        var others = await _scenario.NewCustomersAsync(await _scenario.NewPartnerAsync(), 1);
        using var client = issuer.Client();

        var body = await (await client.PostIdempotentAsync(IssuePath, new
        {
            quota_id = issuer.QuotaId,
            customer_ids = new[] { stranger, issuer.Customers[0], referral, others[0], issuer.Customers[1] },
            face_value = 12.50m,
            remark = "  spring campaign  ",
        })).IsSuccess();

        Assert.Equal([issuer.Customers[0], issuer.Customers[1]], body.GetProperty("succeeded").EnumerateArray().Select(e => e.GetProperty("customer_id").GetGuid()));
        var errors = body.GetProperty("error_details").EnumerateArray().ToList();
        Assert.Equal([stranger.ToString(), referral.ToString(), others[0].ToString()], errors.Select(e => e.GetProperty("id").GetString()));
        Assert.Equal(["CBC.99006010", "CBC.99006011", "CBC.99006010"], body.ErrorCodes());
        Assert.All(errors, e => Assert.False(string.IsNullOrEmpty(e.GetProperty("error_msg").GetString())));

        var couponId = body.GetProperty("succeeded")[0].GetProperty("coupon_id").GetGuid();
        var coupon = await (await client.GetAsync($"{IssuePath}/{couponId}")).IsSuccess();
        var view = coupon.GetProperty("coupon");
        Assert.Equal("available", view.GetProperty("status").GetString());
        Assert.Equal("12.50", view.GetProperty("face_value").GetRawText());
        Assert.Equal("12.50", view.GetProperty("balance").GetRawText());
        Assert.Equal("CNY", view.GetProperty("currency").GetString());
        Assert.Equal("spring campaign", view.GetProperty("remark").GetString());
        Assert.Equal("issued", coupon.GetProperty("ledger")[0].GetProperty("kind").GetString());
        Assert.Equal(75.00m, (await _scenario.QuotaBalanceAsync(issuer.QuotaId)).Remaining);
    }

    [Fact]
    public async Task A_quota_that_covers_only_some_customers_issues_to_the_first_ones_and_reports_the_rest()
    {
        var issuer = await _scenario.NewIssuerAsync(amount: 25.00m, customers: 3);
        using var client = issuer.Client();

        var body = await (await client.PostIdempotentAsync(IssuePath, new { quota_id = issuer.QuotaId, customer_ids = issuer.Customers, face_value = 10.00m }))
            .IsSuccess();

        Assert.Equal(issuer.Customers[..2], body.GetProperty("succeeded").EnumerateArray().Select(e => e.GetProperty("customer_id").GetGuid()));
        Assert.Equal(["CBC.99006003"], body.ErrorCodes());
        Assert.Equal(5.00m, (await _scenario.QuotaBalanceAsync(issuer.QuotaId)).Remaining);
    }

    [Fact]
    public async Task Cash_coupons_and_pickup_vouchers_go_to_whitelisted_customers_only()
    {
        foreach (var type in new[] { "cash_coupon", "pickup_voucher" })
        {
            var issuer = await _scenario.NewIssuerAsync(amount: 500.00m, customers: 2, quotaType: type);
            var notListed = (await _scenario.NewCustomersAsync(issuer.PartnerId, 1))[0];
            using var client = issuer.Client();

            var body = await (await client.PostIdempotentAsync(IssuePath, new
            {
                quota_id = issuer.QuotaId,
                customer_ids = new[] { issuer.Customers[0], notListed },
                face_value = 50.00m,
            })).IsSuccess();

            Assert.Single(body.GetProperty("succeeded").EnumerateArray());
            Assert.Equal(["CBC.99006012"], body.ErrorCodes());
        }
    }

    [Fact]
    public async Task A_newer_whitelist_version_replaces_the_older_one()
    {
        var issuer = await _scenario.NewIssuerAsync(amount: 500.00m, customers: 2, quotaType: "cash_coupon");
        await _scenario.WhitelistAsync(issuer.PartnerId, [issuer.Customers[1]]);
        using var client = issuer.Client();

        var body = await (await client.PostIdempotentAsync(IssuePath, new { quota_id = issuer.QuotaId, customer_ids = issuer.Customers, face_value = 5.00m }))
            .IsSuccess();

        Assert.Equal(issuer.Customers[1], body.GetProperty("succeeded")[0].GetProperty("customer_id").GetGuid());
        Assert.Equal(["CBC.99006012"], body.ErrorCodes());
    }

    [Fact]
    public async Task A_disassociated_customer_gets_no_coupon()
    {
        var issuer = await _scenario.NewIssuerAsync(customers: 1);
        await api.PublishAsync(new CustomerDisassociated(issuer.PartnerId, issuer.Customers[0], null, "customer", _scenario.Now.AddSeconds(1)));
        await api.EventuallyAsync(db => db.CustomerAssociations.AnyAsync(a => a.CustomerId == issuer.Customers[0] && !a.Active), "disassociation");
        using var client = issuer.Client();

        var body = await (await client.PostIdempotentAsync(IssuePath, new { quota_id = issuer.QuotaId, customer_ids = issuer.Customers, face_value = 5.00m }))
            .IsSuccess();

        Assert.Equal(["CBC.99006010"], body.ErrorCodes());
    }

    [Fact]
    public async Task Restrictions_may_narrow_the_quotas_but_not_widen_them()
    {
        var issuer = await _scenario.NewIssuerAsync(edit: body =>
        {
            body["cloud_service_types"] = new[] { "hws.service.type.ec2", "hws.service.type.ebs" };
            body["product_ids"] = new[] { "p-1", "p-2" };
            body["regions"] = new[] { "cn-north-4" };
            body["billing_modes"] = new[] { "on_demand" };
            body["min_order_amount"] = 100.00m;
        });
        using var client = issuer.Client();
        Task<HttpResponseMessage> Issue(object restrictions) => client.PostIdempotentAsync(IssuePath, Merge(new
        {
            quota_id = issuer.QuotaId,
            customer_ids = new[] { issuer.Customers[0] },
            face_value = 10.00m,
        }, restrictions));

        var narrower = await (await Issue(new { cloud_service_types = new[] { "hws.service.type.ec2" }, product_ids = new[] { "p-2" }, min_order_amount = 200.00m }))
            .IsSuccess();
        var couponId = narrower.GetProperty("succeeded")[0].GetProperty("coupon_id").GetGuid();
        var coupon = (await (await client.GetAsync($"{IssuePath}/{couponId}")).IsSuccess()).GetProperty("coupon");
        Assert.Equal(["hws.service.type.ec2"], coupon.GetProperty("cloud_service_types").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["cn-north-4"], coupon.GetProperty("regions").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(200.00m, coupon.GetProperty("min_order_amount").GetDecimal());

        await (await Issue(new { cloud_service_types = new[] { "hws.service.type.rds" } })).IsProblem(HttpStatusCode.BadRequest, "CBC.50000055");
        await (await Issue(new { cloud_service_types = new[] { "hws.service.type.unknown" } })).IsProblem(HttpStatusCode.BadRequest, "CBC.50000055");
        await (await Issue(new { product_ids = new[] { "p-3" } })).IsProblem(HttpStatusCode.BadRequest, "CBC.50000054");
        await (await Issue(new { regions = new[] { "cn-east-3" } })).IsProblem(HttpStatusCode.BadRequest, "CBC.99006013");
        await (await Issue(new { billing_modes = new[] { "monthly" } })).IsProblem(HttpStatusCode.BadRequest, "CBC.99006013");
        await (await Issue(new { min_order_amount = 50.00m })).IsProblem(HttpStatusCode.BadRequest, "CBC.99006013");
        await (await Issue(new { expire_time = _scenario.Now.AddDays(91) })).IsProblem(HttpStatusCode.BadRequest, "CBC.99006013");
        await (await Issue(new { billing_modes = new[] { "weekly" } })).IsProblem(HttpStatusCode.BadRequest, "CBC.0100");
        await (await Issue(new { product_ids = Enumerable.Range(0, 11).Select(i => $"p-{i}").ToArray() })).IsProblem(HttpStatusCode.BadRequest, "CBC.0100");
    }

    [Theory]
    [InlineData("0", "CBC.0100")]
    [InlineData("-5", "CBC.0100")]
    [InlineData("10.001", "CBC.0100")]
    [InlineData("null", "CBC.0100")]
    public async Task Face_value_must_be_positive_with_at_most_two_decimals(string faceValue, string code)
    {
        var issuer = await _scenario.NewIssuerAsync(customers: 1);
        using var client = issuer.Client();
        var json = $$"""{"quota_id":"{{issuer.QuotaId}}","customer_ids":["{{issuer.Customers[0]}}"],"face_value":{{faceValue}}}""";
        using var content = new StringContent(json, System.Text.Encoding.UTF8, "application/json");

        var body = await (await client.PostAsync(IssuePath, content, Guid.NewGuid().ToString())).IsProblem(HttpStatusCode.BadRequest, code);
        Assert.True(body.GetProperty("errors").TryGetProperty("face_value", out _));
    }

    [Fact]
    public async Task More_than_100_customers_per_call_is_out_of_range()
    {
        var issuer = await _scenario.NewIssuerAsync(customers: 1);
        using var client = issuer.Client();

        await (await client.PostIdempotentAsync(IssuePath, new
        {
            quota_id = issuer.QuotaId,
            customer_ids = Enumerable.Range(0, 101).Select(_ => Guid.NewGuid()).ToArray(),
            face_value = 1.00m,
        })).IsProblem(HttpStatusCode.BadRequest, "CBC.0101");
        await (await client.PostIdempotentAsync(IssuePath, new { quota_id = issuer.QuotaId, customer_ids = Array.Empty<Guid>(), face_value = 1.00m }))
            .IsProblem(HttpStatusCode.BadRequest, "CBC.0100");
        await (await client.PostIdempotentAsync(IssuePath, new { quota_id = issuer.QuotaId, customer_ids = new[] { issuer.Customers[0], issuer.Customers[0] }, face_value = 1.00m }))
            .IsProblem(HttpStatusCode.BadRequest, "CBC.0100");
    }

    [Fact]
    public async Task A_quota_that_is_adjusting_frozen_or_invalid_cannot_issue()
    {
        var issuer = await _scenario.NewIssuerAsync(customers: 1);
        using var vendor = _scenario.VendorClient();
        using var client = issuer.Client();
        foreach (var status in new[] { "adjusting", "frozen", "invalid" })
        {
            var etag = (await vendor.GetAsync($"/v2/partners/coupon-quotas/{issuer.QuotaId}")).Headers.ETag!.Tag;
            await (await vendor.PostAsync($"/v2/partners/coupon-quotas/{issuer.QuotaId}/status", new { status }, ifMatch: etag)).IsSuccess();

            await (await client.PostIdempotentAsync(IssuePath, new { quota_id = issuer.QuotaId, customer_ids = issuer.Customers, face_value = 1.00m }))
                .IsProblem(HttpStatusCode.Conflict, "CBC.99006001");
        }
    }

    [Fact]
    public async Task An_expired_quota_cannot_issue()
    {
        var issuer = await _scenario.NewIssuerAsync(customers: 1, edit: body => body["expire_time"] = _scenario.Now.AddSeconds(2));
        api.Clock.Advance(TimeSpan.FromSeconds(3));
        using var client = issuer.Client();

        await (await client.PostIdempotentAsync(IssuePath, new { quota_id = issuer.QuotaId, customer_ids = issuer.Customers, face_value = 1.00m }))
            .IsProblem(HttpStatusCode.Conflict, "CBC.99006001");
    }

    [Fact]
    public async Task A_replay_with_the_same_idempotency_key_returns_the_first_answer_and_issues_once()
    {
        var issuer = await _scenario.NewIssuerAsync(amount: 100.00m, customers: 1);
        using var client = issuer.Client();
        var request = new { quota_id = issuer.QuotaId, customer_ids = issuer.Customers, face_value = 10.00m };
        var key = Guid.NewGuid().ToString();

        var first = await (await client.PostAsync(IssuePath, request, key)).IsSuccess();
        var replay = await client.PostAsync(IssuePath, request, key);
        var second = await replay.IsSuccess();

        Assert.Equal(first.GetRawText(), second.GetRawText());
        Assert.Equal("true", replay.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(90.00m, (await _scenario.QuotaBalanceAsync(issuer.QuotaId)).Remaining);
        await (await client.PostAsync(IssuePath, request with { face_value = 20.00m }, key)).IsProblem(HttpStatusCode.UnprocessableEntity, "CBC.0158");
        await (await client.PostAsync(IssuePath, request)).IsProblem(HttpStatusCode.BadRequest, "CBC.0100");
    }

    [Fact]
    public async Task Concurrent_requests_with_one_idempotency_key_issue_once()
    {
        var issuer = await _scenario.NewIssuerAsync(amount: 100.00m, customers: 1);
        var token = api.IssueToken(Scenario.Partner(issuer.PartnerId));
        var key = Guid.NewGuid().ToString();
        var request = new { quota_id = issuer.QuotaId, customer_ids = issuer.Customers, face_value = 10.00m };

        var bodies = await Task.WhenAll(Enumerable.Range(0, 10).Select(async _ =>
        {
            using var client = new ApiClient(new HttpClient { BaseAddress = api.BaseAddress }, token);
            return (await (await client.PostAsync(IssuePath, request, key)).IsSuccess()).GetRawText();
        }));

        Assert.Single(bodies.Distinct());
        Assert.Equal(90.00m, (await _scenario.QuotaBalanceAsync(issuer.QuotaId)).Remaining);
        await using var db = api.Db();
        Assert.Equal(1, await db.Coupons.CountAsync(c => c.QuotaId == issuer.QuotaId));
    }

    [Fact]
    public async Task A_distributor_issues_to_an_actively_linked_resellers_customers_only()
    {
        var (distributor, reseller, linkId) = await _scenario.NewLinkedResellerAsync();
        var quota = (await _scenario.GrantQuotaAsync(distributor, 100.00m)).GetProperty("quota_id").GetGuid();
        var customers = await _scenario.NewCustomersAsync(distributor, 1, indirectPartnerId: reseller);
        using var client = _scenario.ClientFor(distributor, "distributor");
        var request = new { quota_id = quota, customer_ids = customers, face_value = 10.00m, indirect_partner_id = reseller };

        var issued = await (await client.PostIdempotentAsync(IssuePath, request)).IsSuccess();
        Assert.Single(issued.GetProperty("succeeded").EnumerateArray());
        var withoutIndirect = await (await client.PostIdempotentAsync(IssuePath, new { quota_id = quota, customer_ids = customers, face_value = 10.00m })).IsSuccess();
        Assert.Equal(["CBC.99006010"], withoutIndirect.ErrorCodes());

        await api.PublishAsync(new PartnerPlatform.Contracts.Resellers.ResellerSuspended(linkId, distributor, reseller, _scenario.Now.AddSeconds(1)));
        await api.EventuallyAsync(db => db.ResellerLinks.AnyAsync(l => l.LinkId == linkId && l.Status == "suspended"), "suspension");
        await (await client.PostIdempotentAsync(IssuePath, request)).IsProblem(HttpStatusCode.Forbidden, "CBC.99006004");
    }

    private static Dictionary<string, object?> Merge(object first, object second)
    {
        var merged = new Dictionary<string, object?>();
        foreach (var source in new[] { first, second })
        {
            foreach (var property in source.GetType().GetProperties())
            {
                merged[property.Name] = property.GetValue(source);
            }
        }

        return merged;
    }

    [Fact]
    public async Task A_partner_lists_the_pickup_vouchers_it_issued_apart_from_its_other_coupons()
    {
        var issuer = await _scenario.NewIssuerAsync(customers: 1);
        var pickupQuota = (await _scenario.GrantQuotaAsync(issuer.PartnerId, 500.00m, "pickup_voucher")).GetProperty("quota_id").GetGuid();
        await _scenario.WhitelistAsync(issuer.PartnerId, issuer.Customers);
        var voucher = await _scenario.IssueOneAsync(issuer, 10.00m);
        var pickup = await _scenario.IssueOneAsync(issuer with { QuotaId = pickupQuota }, 20.00m);
        using var client = issuer.Client();

        var pickups = await (await client.GetAsync($"{IssuePath}?coupon_type=pickup_voucher")).IsSuccess();
        Assert.Equal(1, pickups.GetProperty("total_count").GetInt32());
        Assert.Equal(pickup, pickups.GetProperty("coupons")[0].GetProperty("coupon_id").GetGuid());
        Assert.Equal("pickup_voucher", pickups.GetProperty("coupons")[0].GetProperty("coupon_type").GetString());
        var vouchers = await (await client.GetAsync($"{IssuePath}?coupon_type=voucher&customer_id={issuer.Customers[0]}")).IsSuccess();
        Assert.Equal([voucher], vouchers.GetProperty("coupons").EnumerateArray().Select(c => c.GetProperty("coupon_id").GetGuid()));
        var all = await (await client.GetAsync(IssuePath)).IsSuccess();
        Assert.Equal(2, all.GetProperty("total_count").GetInt32());

        await (await client.GetAsync($"{IssuePath}?coupon_type=gift_card")).IsProblem(HttpStatusCode.BadRequest, "CBC.0100");
    }
}

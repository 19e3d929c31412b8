using System.Net;
using Coupons.Tests.Support;
using Microsoft.EntityFrameworkCore;
using PartnerPlatform.Contracts.Identity;
using PartnerPlatform.Contracts.Resellers;

namespace Coupons.Tests;

[Collection(CouponsCollection.Name)]
public sealed class QuotaTests(CouponsApiFactory api)
{
    private const string Quotas = "/v2/partners/coupon-quotas";
    private readonly Scenario _scenario = new(api);

    [Fact]
    public async Task Vendor_staff_grant_a_quota_that_the_partner_then_finds_in_its_query()
    {
        var partner = await _scenario.NewPartnerAsync();
        var granted = await _scenario.GrantQuotaAsync(partner, 1234.5m, edit: body => body["remark"] = "Q4 budget");
        Assert.Equal("1234.50", granted.GetProperty("total_amount").GetRawText());
        Assert.Equal("1234.50", granted.GetProperty("remaining_amount").GetRawText());
        Assert.Equal("normal", granted.GetProperty("quota_status").GetString());

        using var client = _scenario.ClientFor(partner);
        var page = await (await client.PostAsync($"{Quotas}/query", new { quota_type = "voucher", quota_status_list = new[] { "normal" } })).IsSuccess();
        Assert.Equal(1, page.GetProperty("total_count").GetInt32());
        Assert.Equal(granted.GetProperty("quota_id").GetGuid(), page.GetProperty("quotas")[0].GetProperty("quota_id").GetGuid());

        var none = await (await client.PostAsync($"{Quotas}/query", new { quota_type = "cash_coupon" })).IsSuccess();
        Assert.Equal(0, none.GetProperty("total_count").GetInt32());
        var records = await (await client.GetAsync("/v2/promotions/benefits/partner-coupons/records/query?operation_type=quota_granted")).IsSuccess();
        Assert.Equal("Q4 budget", records.GetProperty("records")[0].GetProperty("remark").GetString());
        Assert.Equal("vendor_staff", records.GetProperty("records")[0].GetProperty("operator_kind").GetString());
    }

    [Fact]
    public async Task Quota_query_pages_with_offset_and_limit_and_rejects_out_of_range_paging()
    {
        var partner = await _scenario.NewPartnerAsync();
        for (var i = 0; i < 3; i++)
        {
            await _scenario.GrantQuotaAsync(partner, 10.00m + i);
        }

        using var client = _scenario.ClientFor(partner);
        var page = await (await client.PostAsync($"{Quotas}/query", new { offset = 1, limit = 1 })).IsSuccess();
        Assert.Equal(3, page.GetProperty("total_count").GetInt32());
        Assert.Equal("11.00", page.GetProperty("quotas")[0].GetProperty("total_amount").GetRawText());

        await (await client.PostAsync($"{Quotas}/query", new { limit = 101 })).IsProblem(HttpStatusCode.BadRequest, "CBC.0100");
        await (await client.PostAsync($"{Quotas}/query", new { offset = -1 })).IsProblem(HttpStatusCode.BadRequest, "CBC.0100");
        await (await client.PostAsync($"{Quotas}/query", new { quota_type = "coupon_book" })).IsProblem(HttpStatusCode.BadRequest, "CBC.0100");
    }

    [Fact]
    public async Task Quotas_are_granted_only_to_solution_providers_distributors_and_gov_subsidy_partners()
    {
        var reseller = await _scenario.NewPartnerAsync("cloud_reseller");
        var unknown = Guid.NewGuid();
        using var vendor = _scenario.VendorClient();
        foreach (var partner in new[] { reseller, unknown })
        {
            await (await vendor.PostIdempotentAsync($"{Quotas}/vendor-grants", new
            {
                partner_id = partner, quota_type = "voucher", amount = 10.00m, currency = "CNY", expire_time = _scenario.Now.AddDays(1),
            })).IsProblem(HttpStatusCode.BadRequest, "CBC.99006006");
        }

        var expired = await _scenario.NewPartnerAsync();
        await api.PublishAsync(new PartnerProgrammeExpired(expired, "solution_provider", _scenario.Now.AddSeconds(1)));
        await api.EventuallyAsync(db => db.PartnerProgrammes.AnyAsync(p => p.PartnerId == expired && !p.Active), "programme expiry");
        await (await vendor.PostIdempotentAsync($"{Quotas}/vendor-grants", new
        {
            partner_id = expired, quota_type = "voucher", amount = 10.00m, currency = "CNY", expire_time = _scenario.Now.AddDays(1),
        })).IsProblem(HttpStatusCode.BadRequest, "CBC.99006006");
    }

    [Fact]
    public async Task A_grant_checks_its_fields()
    {
        var partner = await _scenario.NewPartnerAsync();
        using var vendor = _scenario.VendorClient();

        var body = await (await vendor.PostIdempotentAsync($"{Quotas}/vendor-grants", new
        {
            partner_id = partner, quota_type = "pickup_voucher", amount = 10.005m, currency = "cny", expire_time = _scenario.Now.AddDays(-1),
        })).IsProblem(HttpStatusCode.BadRequest, "CBC.0100");
        var fields = body.GetProperty("errors").EnumerateObject().Select(p => p.Name).ToHashSet();
        Assert.Superset(new HashSet<string> { "amount", "currency", "expire_time", "max_order_share" }, fields);

        await (await vendor.PostIdempotentAsync($"{Quotas}/vendor-grants", new
        {
            partner_id = partner, quota_type = "voucher", amount = 10.00m, currency = "CNY", expire_time = _scenario.Now.AddDays(1), max_order_share = 0.5m,
        })).IsProblem(HttpStatusCode.BadRequest, "CBC.0100");
        await (await vendor.PostIdempotentAsync($"{Quotas}/vendor-grants", new
        {
            partner_id = partner, quota_type = "voucher", amount = 10.00m, currency = "CNY", expire_time = _scenario.Now.AddDays(1), remark = new string('r', 257),
        })).IsProblem(HttpStatusCode.BadRequest, "CBC.0100");
    }

    [Fact]
    public async Task Only_quota_managers_grant_quotas_and_change_their_status()
    {
        var partner = await _scenario.NewPartnerAsync();
        var quota = (await _scenario.GrantQuotaAsync(partner, 10.00m)).GetProperty("quota_id").GetGuid();
        var request = new { partner_id = partner, quota_type = "voucher", amount = 10.00m, currency = "CNY", expire_time = _scenario.Now.AddDays(1) };
        using var ops = _scenario.VendorClient("ops");
        using var self = _scenario.ClientFor(partner);

        await (await ops.PostIdempotentAsync($"{Quotas}/vendor-grants", request)).IsProblem(HttpStatusCode.Forbidden, "CBC.0151");
        await (await self.PostIdempotentAsync($"{Quotas}/vendor-grants", request)).IsProblem(HttpStatusCode.Forbidden, "CBC.0151");
        await (await self.PostAsync($"{Quotas}/{quota}/status", new { status = "frozen" }, ifMatch: "\"1\"")).IsProblem(HttpStatusCode.Forbidden, "CBC.0151");
    }

    [Fact]
    public async Task A_status_change_needs_the_current_etag_and_an_invalid_quota_stays_invalid()
    {
        var partner = await _scenario.NewPartnerAsync();
        var quota = (await _scenario.GrantQuotaAsync(partner, 10.00m)).GetProperty("quota_id").GetGuid();
        using var vendor = _scenario.VendorClient();
        var etag = (await vendor.GetAsync($"{Quotas}/{quota}")).Headers.ETag!.Tag;

        await (await vendor.PostAsync($"{Quotas}/{quota}/status", new { status = "frozen" })).IsProblem(HttpStatusCode.PreconditionFailed, "CBC.0157");
        var frozen = await (await vendor.PostAsync($"{Quotas}/{quota}/status", new { status = "frozen" }, ifMatch: etag)).IsSuccess();
        Assert.Equal("frozen", frozen.GetProperty("quota_status").GetString());
        await (await vendor.PostAsync($"{Quotas}/{quota}/status", new { status = "normal" }, ifMatch: etag)).IsProblem(HttpStatusCode.PreconditionFailed, "CBC.0157");

        etag = (await vendor.GetAsync($"{Quotas}/{quota}")).Headers.ETag!.Tag;
        await (await vendor.PostAsync($"{Quotas}/{quota}/status", new { status = "invalid" }, ifMatch: etag)).IsSuccess();
        etag = (await vendor.GetAsync($"{Quotas}/{quota}")).Headers.ETag!.Tag;
        await (await vendor.PostAsync($"{Quotas}/{quota}/status", new { status = "normal" }, ifMatch: etag)).IsProblem(HttpStatusCode.Conflict, "CBC.0150");
    }

    [Fact]
    public async Task A_distributor_grants_part_of_its_quota_to_a_linked_reseller_who_can_then_issue()
    {
        var (distributor, reseller, _) = await _scenario.NewLinkedResellerAsync();
        var source = (await _scenario.GrantQuotaAsync(distributor, 1000.00m, edit: b => b["regions"] = new[] { "cn-north-4", "cn-east-3" }))
            .GetProperty("quota_id").GetGuid();
        using var client = _scenario.ClientFor(distributor, "distributor");

        var granted = await (await client.PostIdempotentAsync($"{Quotas}/indirect-partner-grants", new
        {
            quota_id = source, indirect_partner_id = reseller, amount = 300.00m, regions = new[] { "cn-east-3" },
        })).IsSuccess(HttpStatusCode.Created);
        Assert.Equal(reseller, granted.GetProperty("partner_id").GetGuid());
        Assert.Equal(distributor, granted.GetProperty("distributor_partner_id").GetGuid());
        Assert.Equal(["cn-east-3"], granted.GetProperty("regions").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal(700.00m, (await _scenario.QuotaBalanceAsync(source)).Remaining);

        var resellerQuota = granted.GetProperty("quota_id").GetGuid();
        var customers = await _scenario.NewCustomersAsync(distributor, 1, indirectPartnerId: reseller);
        using var resellerClient = _scenario.ClientFor(reseller, "cloud_reseller");
        var issued = await (await resellerClient.PostIdempotentAsync("/v2/promotions/benefits/partner-coupons", new
        {
            quota_id = resellerQuota, customer_ids = customers, face_value = 100.00m,
        })).IsSuccess();
        Assert.Single(issued.GetProperty("succeeded").EnumerateArray());

        var granted2 = await (await client.PostAsync($"{Quotas}/query", new { indirect_partner_id = reseller })).IsSuccess();
        Assert.Equal("200.00", granted2.GetProperty("quotas")[0].GetProperty("remaining_amount").GetRawText());
        await (await client.PostIdempotentAsync($"{Quotas}/indirect-partner-grants", new { quota_id = source, indirect_partner_id = reseller, amount = 700.01m }))
            .IsProblem(HttpStatusCode.Conflict, "CBC.99006003");
        await (await client.PostIdempotentAsync($"{Quotas}/indirect-partner-grants", new { quota_id = source, indirect_partner_id = reseller, amount = 1.00m, regions = new[] { "ap-southeast-1" } }))
            .IsProblem(HttpStatusCode.BadRequest, "CBC.99006013");
    }

    [Fact]
    public async Task A_distributor_cannot_grant_to_a_reseller_it_is_not_actively_linked_to_but_reclaims_what_it_granted_before()
    {
        var (distributor, reseller, linkId) = await _scenario.NewLinkedResellerAsync();
        var source = (await _scenario.GrantQuotaAsync(distributor, 1000.00m)).GetProperty("quota_id").GetGuid();
        using var client = _scenario.ClientFor(distributor, "distributor");
        var granted = (await (await client.PostIdempotentAsync($"{Quotas}/indirect-partner-grants", new { quota_id = source, indirect_partner_id = reseller, amount = 100.00m }))
            .IsSuccess(HttpStatusCode.Created)).GetProperty("quota_id").GetGuid();
        var stranger = Guid.NewGuid();

        await (await client.PostIdempotentAsync($"{Quotas}/indirect-partner-grants", new { quota_id = source, indirect_partner_id = stranger, amount = 1.00m }))
            .IsProblem(HttpStatusCode.Forbidden, "CBC.99006004");

        await api.PublishAsync(new ResellerUnlinked(linkId, distributor, reseller, "revoked", _scenario.Now.AddSeconds(1)));
        await api.PublishAsync(new ResellerReinstated(linkId, distributor, reseller, _scenario.Now.AddSeconds(2)));
        await api.EventuallyAsync(db => db.ResellerLinks.AnyAsync(l => l.LinkId == linkId && l.Status == "revoked"), "revocation");
        await Task.Delay(300);

        await (await client.PostIdempotentAsync($"{Quotas}/indirect-partner-grants", new { quota_id = source, indirect_partner_id = reseller, amount = 1.00m }))
            .IsProblem(HttpStatusCode.Forbidden, "CBC.99006004");
        var reclaim = await (await client.PostIdempotentAsync($"{Quotas}/indirect-partner-reclaim", new { quota_ids = new[] { granted } })).IsSuccess();
        Assert.Empty(reclaim.ErrorCodes());
        Assert.Equal(1000.00m, (await _scenario.QuotaBalanceAsync(source)).Remaining);
    }

    [Fact]
    public async Task Only_distributors_grant_to_resellers()
    {
        var partner = await _scenario.NewPartnerAsync();
        using var client = _scenario.ClientFor(partner, "solution_provider");
        await (await client.PostIdempotentAsync($"{Quotas}/indirect-partner-grants", new { quota_id = Guid.NewGuid(), indirect_partner_id = Guid.NewGuid(), amount = 1.00m }))
            .IsProblem(HttpStatusCode.Forbidden, "CBC.0151");
        using var noPermission = api.Client(Scenario.Partner(partner, "distributor", permissions: ["coupons.recall"]));
        await (await noPermission.PostIdempotentAsync($"{Quotas}/indirect-partner-grants", new { quota_id = Guid.NewGuid(), indirect_partner_id = Guid.NewGuid(), amount = 1.00m }))
            .IsProblem(HttpStatusCode.Forbidden, "CBC.0155");
    }

    [Fact]
    public async Task Reclaiming_returns_what_the_reseller_has_not_issued_and_lists_each_failure()
    {
        var (distributor, reseller, _) = await _scenario.NewLinkedResellerAsync();
        var source = (await _scenario.GrantQuotaAsync(distributor, 1000.00m)).GetProperty("quota_id").GetGuid();
        using var client = _scenario.ClientFor(distributor, "distributor");
        async Task<Guid> Grant(decimal amount) =>
            (await (await client.PostIdempotentAsync($"{Quotas}/indirect-partner-grants", new { quota_id = source, indirect_partner_id = reseller, amount }))
                .IsSuccess(HttpStatusCode.Created)).GetProperty("quota_id").GetGuid();
        var first = await Grant(100.00m);
        var second = await Grant(50.00m);
        var customers = await _scenario.NewCustomersAsync(distributor, 1, indirectPartnerId: reseller);
        using var resellerClient = _scenario.ClientFor(reseller, "cloud_reseller");
        await (await resellerClient.PostIdempotentAsync("/v2/promotions/benefits/partner-coupons", new { quota_id = first, customer_ids = customers, face_value = 30.00m }))
            .IsSuccess();
        var othersQuota = (await _scenario.GrantQuotaAsync(await _scenario.NewPartnerAsync(), 10.00m)).GetProperty("quota_id").GetGuid();

        var result = await (await client.PostIdempotentAsync($"{Quotas}/indirect-partner-reclaim", new
        {
            quota_ids = new[] { first, othersQuota, second }, remark = "end of quarter",
        })).IsSuccess();

        var succeeded = result.GetProperty("succeeded").EnumerateArray().ToList();
        Assert.Equal([first, second], succeeded.Select(s => s.GetProperty("quota_id").GetGuid()));
        Assert.Equal(["70.00", "50.00"], succeeded.Select(s => s.GetProperty("reclaimed_amount").GetRawText()));
        Assert.All(succeeded, s => Assert.True(s.GetProperty("returned_to_source").GetBoolean()));
        Assert.Equal(["CBC.0156"], result.ErrorCodes());
        Assert.Equal(othersQuota.ToString(), result.GetProperty("error_details")[0].GetProperty("id").GetString());
        var (remaining, movements) = await _scenario.QuotaBalanceAsync(source);
        Assert.Equal(970.00m, remaining);
        Assert.Equal(remaining, movements);
        Assert.Equal(0.00m, (await _scenario.QuotaBalanceAsync(first)).Remaining);

        var again = await (await client.PostIdempotentAsync($"{Quotas}/indirect-partner-reclaim", new { quota_ids = new[] { first } })).IsSuccess();
        Assert.Equal(["CBC.99006005"], again.ErrorCodes());
        var resellerView = await (await resellerClient.PostAsync($"{Quotas}/query", new { quota_status_list = new[] { "invalid" } })).IsSuccess();
        Assert.Equal(2, resellerView.GetProperty("total_count").GetInt32());
    }

    [Fact]
    public async Task A_reseller_quota_past_its_expiry_cannot_be_reclaimed_and_its_lapsed_amount_does_not_return()
    {
        var (distributor, reseller, _) = await _scenario.NewLinkedResellerAsync();
        var source = (await _scenario.GrantQuotaAsync(distributor, 1000.00m)).GetProperty("quota_id").GetGuid();
        using (var client = _scenario.ClientFor(distributor, "distributor"))
        {
            var granted = (await (await client.PostIdempotentAsync($"{Quotas}/indirect-partner-grants", new
            {
                quota_id = source, indirect_partner_id = reseller, amount = 100.00m, expire_time = _scenario.Now.AddDays(1),
            })).IsSuccess(HttpStatusCode.Created)).GetProperty("quota_id").GetGuid();
            api.Clock.Advance(TimeSpan.FromDays(2));
            using var later = _scenario.ClientFor(distributor, "distributor");

            var result = await (await later.PostIdempotentAsync($"{Quotas}/indirect-partner-reclaim", new { quota_ids = new[] { granted } })).IsSuccess();

            Assert.Empty(result.GetProperty("succeeded").EnumerateArray());
            Assert.Equal(["CBC.99006005"], result.ErrorCodes());
        }

        var (remaining, movements) = await _scenario.QuotaBalanceAsync(source);
        Assert.Equal(900.00m, remaining);
        Assert.Equal(remaining, movements);
    }

    [Fact]
    public async Task Reclaiming_into_a_frozen_source_quota_returns_the_amount_because_the_source_is_still_valid()
    {
        var (distributor, reseller, _) = await _scenario.NewLinkedResellerAsync();
        var source = (await _scenario.GrantQuotaAsync(distributor, 1000.00m)).GetProperty("quota_id").GetGuid();
        using var client = _scenario.ClientFor(distributor, "distributor");
        var granted = (await (await client.PostIdempotentAsync($"{Quotas}/indirect-partner-grants", new { quota_id = source, indirect_partner_id = reseller, amount = 100.00m }))
            .IsSuccess(HttpStatusCode.Created)).GetProperty("quota_id").GetGuid();
        using var vendor = _scenario.VendorClient();
        var etag = (await vendor.GetAsync($"{Quotas}/{source}")).Headers.ETag!.Tag;
        await (await vendor.PostAsync($"{Quotas}/{source}/status", new { status = "frozen" }, ifMatch: etag)).IsSuccess();

        var result = await (await client.PostIdempotentAsync($"{Quotas}/indirect-partner-reclaim", new { quota_ids = new[] { granted } })).IsSuccess();

        Assert.True(result.GetProperty("succeeded")[0].GetProperty("returned_to_source").GetBoolean());
        var (remaining, movements) = await _scenario.QuotaBalanceAsync(source);
        Assert.Equal(1000.00m, remaining);
        Assert.Equal(remaining, movements);
    }

    [Fact]
    public async Task Reclaim_takes_at_most_10_quotas_per_call()
    {
        var (distributor, _, _) = await _scenario.NewLinkedResellerAsync();
        using var client = _scenario.ClientFor(distributor, "distributor");
        await (await client.PostIdempotentAsync($"{Quotas}/indirect-partner-reclaim", new { quota_ids = Enumerable.Range(0, 11).Select(_ => Guid.NewGuid()).ToArray() }))
            .IsProblem(HttpStatusCode.BadRequest, "CBC.0101");
        await (await client.PostIdempotentAsync($"{Quotas}/indirect-partner-reclaim", new { quota_ids = Array.Empty<Guid>() }))
            .IsProblem(HttpStatusCode.BadRequest, "CBC.0100");
        await (await client.PostIdempotentAsync($"{Quotas}/indirect-partner-reclaim", new { quota_ids = new[] { Guid.NewGuid() }, remark = new string('x', 257) }))
            .IsProblem(HttpStatusCode.BadRequest, "CBC.0100");
    }
}

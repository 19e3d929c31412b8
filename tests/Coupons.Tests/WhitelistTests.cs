using System.Net;
using Coupons.Tests.Support;

namespace Coupons.Tests;

[Collection(CouponsCollection.Name)]
public sealed class WhitelistTests(CouponsApiFactory api)
{
    private readonly Scenario _scenario = new(api);

    [Fact]
    public async Task Each_import_is_a_new_version_guarded_by_its_etag()
    {
        var partner = await _scenario.NewPartnerAsync("gov_subsidy");
        using var vendor = _scenario.VendorClient();
        var path = $"/v2/promotions/benefits/whitelists/{partner}";
        var first = new[] { Guid.NewGuid(), Guid.NewGuid() };

        var empty = await vendor.GetAsync(path);
        Assert.Equal("\"0\"", empty.Headers.ETag!.Tag);
        var v1 = await (await vendor.PutAsync(path, new { customer_ids = first, remark = "gov cloud batch 1" }, "\"0\"")).IsSuccess();
        Assert.Equal(1, v1.GetProperty("version").GetInt32());
        await (await vendor.PutAsync(path, new { customer_ids = first }, "\"0\"")).IsProblem(HttpStatusCode.PreconditionFailed, "CBC.0157");
        await (await vendor.PutAsync(path, new { customer_ids = first })).IsProblem(HttpStatusCode.PreconditionFailed, "CBC.0157");
        var v2 = await (await vendor.PutAsync(path, new { customer_ids = new[] { first[1] } }, "\"1\"")).IsSuccess();
        Assert.Equal(2, v2.GetProperty("version").GetInt32());

        using var client = _scenario.ClientFor(partner, "gov_subsidy");
        var own = await client.GetAsync("/v2/promotions/benefits/whitelist");
        var body = await own.IsSuccess();
        Assert.Equal("\"2\"", own.Headers.ETag!.Tag);
        Assert.Equal(1, body.GetProperty("total_count").GetInt32());
        Assert.Equal([first[1]], body.GetProperty("customer_ids").EnumerateArray().Select(e => e.GetGuid()));
        var log = await (await client.GetAsync("/v2/promotions/benefits/partner-coupons/records/query?operation_type=whitelist_imported")).IsSuccess();
        Assert.Equal(2, log.GetProperty("total_count").GetInt32());
        Assert.Equal("gov cloud batch 1", log.GetProperty("records")[1].GetProperty("remark").GetString());
    }

    [Fact]
    public async Task Imports_are_for_quota_managers_and_hold_at_most_10000_distinct_customers()
    {
        var partner = await _scenario.NewPartnerAsync("gov_subsidy");
        var path = $"/v2/promotions/benefits/whitelists/{partner}";
        using var vendor = _scenario.VendorClient();
        using var self = _scenario.ClientFor(partner, "gov_subsidy");
        var duplicate = Guid.NewGuid();

        await (await self.PutAsync(path, new { customer_ids = new[] { Guid.NewGuid() } }, "\"0\"")).IsProblem(HttpStatusCode.Forbidden, "CBC.0151");
        await (await vendor.PutAsync(path, new { customer_ids = Enumerable.Range(0, 10001).Select(_ => Guid.NewGuid()).ToArray() }, "\"0\""))
            .IsProblem(HttpStatusCode.BadRequest, "CBC.0101");
        await (await vendor.PutAsync(path, new { customer_ids = new[] { duplicate, duplicate } }, "\"0\"")).IsProblem(HttpStatusCode.BadRequest, "CBC.0100");
        await (await vendor.PutAsync(path, new { remark = "no list" }, "\"0\"")).IsProblem(HttpStatusCode.BadRequest, "CBC.0100");
        var big = await (await vendor.PutAsync(path, new { customer_ids = Enumerable.Range(0, 10000).Select(_ => Guid.NewGuid()).ToArray() }, "\"0\"")).IsSuccess();
        Assert.Equal(10000, big.GetProperty("total_count").GetInt32());
    }
}

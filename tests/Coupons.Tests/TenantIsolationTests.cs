using System.Net;
using Coupons.Tests.Support;

namespace Coupons.Tests;

/// <summary>
/// Every endpoint that names a quota or coupon, called by its owner (success) and by another tenant
/// of the same kind (404 CBC.0156, never a hint that the object exists).
/// </summary>
[Collection(CouponsCollection.Name)]
public sealed class TenantIsolationTests(CouponsApiFactory api)
{
    /// <summary>One call per object-addressing endpoint: (owner's world, caller) → response.</summary>
    private static readonly Dictionary<string, Func<World, ApiClient, Task<HttpResponseMessage>>> Calls = new()
    {
        ["get quota"] = (w, c) => c.GetAsync($"/v2/partners/coupon-quotas/{w.Issuer.QuotaId}"),
        ["issue from quota"] = (w, c) => c.PostIdempotentAsync("/v2/promotions/benefits/partner-coupons", new
        {
            quota_id = w.Issuer.QuotaId, customer_ids = w.Issuer.Customers[..1], face_value = 1.00m,
        }),
        ["get issued coupon"] = (w, c) => c.GetAsync($"/v2/promotions/benefits/partner-coupons/{w.CouponId}"),
        ["recall coupon"] = (w, c) => c.PostIdempotentAsync("/v2/promotions/benefits/partner-coupons/reclaim", new { coupon_id = w.CouponId, amount = 0.01m }),
        ["grant out of quota"] = (w, c) => c.PostIdempotentAsync("/v2/partners/coupon-quotas/indirect-partner-grants", new
        {
            quota_id = w.DistributorQuota, indirect_partner_id = w.Reseller, amount = 1.00m,
        }),
        ["get granted quota"] = (w, c) => c.GetAsync($"/v2/partners/coupon-quotas/{w.ResellerQuota}"),
    };

    public static TheoryData<string> CallNames() => [.. Calls.Keys];

    [Theory]
    [MemberData(nameof(CallNames))]
    public async Task Another_partners_object_answers_404(string call)
    {
        var owner = await World.CreateAsync(new Scenario(api));
        var stranger = await World.CreateAsync(new Scenario(api));

        var asOwner = await Calls[call](owner, owner.ClientFor(call));
        Assert.True(asOwner.IsSuccessStatusCode, $"{call} as the owner: {(int)asOwner.StatusCode} {await asOwner.Content.ReadAsStringAsync()}");

        var asStranger = await Calls[call](owner, stranger.ClientFor(call));
        await asStranger.IsProblem(HttpStatusCode.NotFound, "CBC.0156");
    }

    [Fact]
    public async Task Another_partners_objects_never_show_in_lists_filters_or_batches()
    {
        var owner = await World.CreateAsync(new Scenario(api));
        var stranger = await World.CreateAsync(new Scenario(api));
        using var client = stranger.ClientFor("grant out of quota");

        var quotas = await (await client.PostAsync("/v2/partners/coupon-quotas/query", new { quota_id = owner.DistributorQuota })).IsSuccess();
        Assert.Equal(0, quotas.GetProperty("total_count").GetInt32());
        var granted = await (await client.PostAsync("/v2/partners/coupon-quotas/query", new { indirect_partner_id = owner.Reseller })).IsSuccess();
        Assert.Equal(0, granted.GetProperty("total_count").GetInt32());
        var records = await (await client.GetAsync($"/v2/promotions/benefits/partner-coupons/records/query?quota_id={owner.DistributorQuota}")).IsSuccess();
        Assert.Equal(0, records.GetProperty("total_count").GetInt32());
        var reclaim = await (await client.PostIdempotentAsync("/v2/partners/coupon-quotas/indirect-partner-reclaim", new { quota_ids = new[] { owner.ResellerQuota } }))
            .IsSuccess();
        Assert.Equal(["CBC.0156"], reclaim.ErrorCodes());
        using var issuerClient = stranger.Issuer.Client();
        var coupons = await (await issuerClient.GetAsync($"/v2/promotions/benefits/partner-coupons?quota_id={owner.Issuer.QuotaId}")).IsSuccess();
        Assert.Equal(0, coupons.GetProperty("total_count").GetInt32());
    }

    [Fact]
    public async Task A_reseller_sees_the_coupons_its_distributor_issued_to_its_customers_but_cannot_recall_them()
    {
        var scenario = new Scenario(api);
        var (distributor, reseller, _) = await scenario.NewLinkedResellerAsync();
        var quota = (await scenario.GrantQuotaAsync(distributor, 100.00m)).GetProperty("quota_id").GetGuid();
        var customers = await scenario.NewCustomersAsync(distributor, 1, indirectPartnerId: reseller);
        using var distributorClient = scenario.ClientFor(distributor, "distributor");
        var issued = await (await distributorClient.PostIdempotentAsync("/v2/promotions/benefits/partner-coupons", new
        {
            quota_id = quota, customer_ids = customers, face_value = 10.00m, indirect_partner_id = reseller,
        })).IsSuccess();
        var couponId = issued.GetProperty("succeeded")[0].GetProperty("coupon_id").GetGuid();
        using var resellerClient = scenario.ClientFor(reseller, "cloud_reseller");

        var list = await (await resellerClient.GetAsync($"/v2/promotions/benefits/partner-coupons?customer_id={customers[0]}")).IsSuccess();
        Assert.Equal(1, list.GetProperty("total_count").GetInt32());
        Assert.Equal(couponId, list.GetProperty("coupons")[0].GetProperty("coupon_id").GetGuid());
        Assert.Equal(distributor, list.GetProperty("coupons")[0].GetProperty("issuer_partner_id").GetGuid());
        var detail = await (await resellerClient.GetAsync($"/v2/promotions/benefits/partner-coupons/{couponId}")).IsSuccess();
        Assert.Equal("issued", detail.GetProperty("ledger")[0].GetProperty("kind").GetString());
        await (await resellerClient.PostIdempotentAsync("/v2/promotions/benefits/partner-coupons/reclaim", new { coupon_id = couponId }))
            .IsProblem(HttpStatusCode.NotFound, "CBC.0156");

        using var stranger = scenario.ClientFor(await scenario.NewPartnerAsync("cloud_reseller"), "cloud_reseller");
        await (await stranger.GetAsync($"/v2/promotions/benefits/partner-coupons/{couponId}")).IsProblem(HttpStatusCode.NotFound, "CBC.0156");
        Assert.Equal(0, (await (await stranger.GetAsync("/v2/promotions/benefits/partner-coupons")).IsSuccess()).GetProperty("total_count").GetInt32());
    }

    /// <summary>One tenant's objects: an issuer with a coupon, and a distributor with a linked reseller's quota.</summary>
    public sealed record World(Scenario Scenario, Issuer Issuer, Guid CouponId, Guid Distributor, Guid Reseller, Guid DistributorQuota, Guid ResellerQuota)
    {
        public static async Task<World> CreateAsync(Scenario scenario)
        {
            var issuer = await scenario.NewIssuerAsync(amount: 100.00m, customers: 1);
            var couponId = await scenario.IssueOneAsync(issuer, 10.00m);
            var (distributor, reseller, _) = await scenario.NewLinkedResellerAsync();
            var distributorQuota = (await scenario.GrantQuotaAsync(distributor, 100.00m)).GetProperty("quota_id").GetGuid();
            using var client = scenario.ClientFor(distributor, "distributor");
            var resellerQuota = (await (await client.PostIdempotentAsync("/v2/partners/coupon-quotas/indirect-partner-grants", new
            {
                quota_id = distributorQuota, indirect_partner_id = reseller, amount = 10.00m,
            })).IsSuccess(HttpStatusCode.Created)).GetProperty("quota_id").GetGuid();
            return new World(scenario, issuer, couponId, distributor, reseller, distributorQuota, resellerQuota);
        }

        /// <summary>The partner of this world that the call is made as.</summary>
        public ApiClient ClientFor(string call) => call is "grant out of quota" or "get granted quota"
            ? Scenario.ClientFor(Distributor, "distributor")
            : Issuer.Client();
    }
}

using System.Net;
using Identity.Tests.Support;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using PartnerPlatform.Contracts.Resellers;

namespace Identity.Tests;

/// <summary>A distributor acts for a reseller only while resellers-api says their link is active.</summary>
[Collection(SharedApi.Name)]
public sealed class DistributorTests(SharedApi shared)
{
    private Scenario Api => shared.Api;

    [Fact]
    public async Task A_distributor_creates_customers_only_for_resellers_it_holds_an_active_link_to()
    {
        var distributor = await Api.GrantProgrammeAsync(await Api.RegisterPartnerAsync(), "distributor");
        var reseller = await Api.GrantProgrammeAsync(await Api.RegisterPartnerAsync(), "cloud_reseller");
        var direct = new { xaccount_id = "d-" + Guid.NewGuid().ToString("N"), xaccount_type = "t", email = Scenario.UniqueEmail() };
        await (await Api.PostAsync("/v2/partners/sub-customers", direct, distributor.Token)).AssertErrorAsync("CBC.50010059", HttpStatusCode.BadRequest);

        var forReseller = new
        {
            xaccount_id = "r-" + Guid.NewGuid().ToString("N"), xaccount_type = "t", email = Scenario.UniqueEmail(),
            indirect_partner_id = reseller.PartnerId, include_association_result = true,
        };
        await (await Api.PostAsync("/v2/partners/sub-customers", forReseller, distributor.Token)).AssertErrorAsync("CBC.0156", HttpStatusCode.NotFound);

        var linkId = Guid.NewGuid();
        var linkedAt = DateTimeOffset.UtcNow;
        await PublishAsync(new ResellerLinked(linkId, distributor.PartnerId, reseller.PartnerId, linkedAt));
        await Eventually.HoldsAsync(async () => (await Api.PostAsync("/v2/partners/sub-customers", forReseller, distributor.Token)).StatusCode == HttpStatusCode.Created, TimeSpan.FromSeconds(10), "the distributor creates a customer for its linked reseller");

        var page = await (await Api.PostAsync("/v2/partners/sub-customers/query", new { indirect_partner_id = reseller.PartnerId }, distributor.Token)).ReadJsonAsync(HttpStatusCode.OK);
        var customer = Assert.Single(page.GetProperty("customer_infos").EnumerateArray());
        Assert.Equal(distributor.PartnerId, customer.GetProperty("distributor_id").GetGuid());
        var resellerView = await (await Api.PostAsync("/v2/partners/sub-customers/query", new { }, reseller.Token)).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal(1, resellerView.GetProperty("total_count").GetInt32());
        var customerId = customer.GetProperty("domain_id").GetGuid();
        var published = await shared.CountOutboxAsync("CustomerAssociated", customerId);
        Assert.Equal(1, published);

        // Suspended: no acting; reinstated: acting again; unlinked: final, even if an older event arrives late.
        await PublishAsync(new ResellerSuspended(linkId, distributor.PartnerId, reseller.PartnerId, linkedAt.AddSeconds(1)));
        await Eventually.HoldsAsync(async () => (await Query(distributor, reseller)).StatusCode == HttpStatusCode.NotFound, TimeSpan.FromSeconds(10), "the link no longer lets the distributor act");
        await PublishAsync(new ResellerReinstated(linkId, distributor.PartnerId, reseller.PartnerId, linkedAt.AddSeconds(2)));
        await Eventually.HoldsAsync(async () => (await Query(distributor, reseller)).StatusCode == HttpStatusCode.OK, TimeSpan.FromSeconds(10), "the reinstated link lets the distributor act");
        await PublishAsync(new ResellerUnlinked(linkId, distributor.PartnerId, reseller.PartnerId, "ended", linkedAt.AddSeconds(3)));
        await Eventually.HoldsAsync(async () => (await Query(distributor, reseller)).StatusCode == HttpStatusCode.NotFound, TimeSpan.FromSeconds(10), "the link no longer lets the distributor act");
        await PublishAsync(new ResellerReinstated(linkId, distributor.PartnerId, reseller.PartnerId, linkedAt.AddSeconds(2)));
        await PublishAsync(new ResellerLinked(linkId, distributor.PartnerId, reseller.PartnerId, linkedAt));
        await Task.Delay(1000);
        await (await Query(distributor, reseller)).AssertErrorAsync("CBC.0156", HttpStatusCode.NotFound);

        // Another distributor never sees the reseller's customers.
        var stranger = await Api.GrantProgrammeAsync(await Api.RegisterPartnerAsync(), "distributor");
        await (await Query(stranger, reseller)).AssertErrorAsync("CBC.0156", HttpStatusCode.NotFound);
    }

    private Task<HttpResponseMessage> Query(PartnerSession distributor, PartnerSession reseller) =>
        Api.PostAsync("/v2/partners/sub-customers/query", new { indirect_partner_id = reseller.PartnerId }, distributor.Token);

    private Task PublishAsync<T>(T message)
        where T : class => shared.Factory.Services.GetRequiredService<IBus>().Publish(message);
}

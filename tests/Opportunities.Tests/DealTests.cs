using System.Net;
using Opportunities.Tests.Support;
using PartnerPlatform.Contracts.Identity;
using PartnerPlatform.Contracts.Opportunities;
using PartnerPlatform.Contracts.Resellers;
using PartnerPlatform.Testing;

namespace Opportunities.Tests;

/// <summary>Deal registration: protection window, the seed's query, reseller customers of active links only.</summary>
public sealed class DealTests(OpportunitiesApiFactory factory) : IClassFixture<OpportunitiesApiFactory>
{
    private readonly Scenario _scenario = new(factory);

    private static object Deal(string account, string product = "data_lake", string name = "Data lake phase 2", string manager = "Li Hua", Guid? customerId = null, Guid? resellerId = null) => new
    {
        deal_name = name,
        customer_id = customerId,
        customer_name = "Qianhai Fintech",
        customer_account_name = account,
        account_manager_name = manager,
        product_code = product,
        amount = new { amount = 900_000m, currency = "CNY" },
        reseller_partner_id = resellerId,
    };

    [Fact]
    public async Task A_protected_deal_refuses_another_partner_with_the_window_end_and_never_its_name()
    {
        var firstId = Guid.NewGuid();
        var first = _scenario.Partner(firstId);
        var second = _scenario.Partner(Guid.NewGuid());
        var account = "acct-" + Guid.NewGuid().ToString("N")[..8];
        var registered = await ProblemAssert.IsSuccess(await Scenario.PostAsync(first, "/v2/partners/opportunities/deals", Deal(account), key: true), HttpStatusCode.Created);
        var protectedUntil = registered.GetProperty("protected_until").GetDateTimeOffset();
        Assert.Equal(90, (protectedUntil - registered.GetProperty("registered_at").GetDateTimeOffset()).TotalDays);

        var refused = await ProblemAssert.IsProblem(
            await Scenario.PostAsync(second, "/v2/partners/opportunities/deals", Deal(account.ToUpperInvariant()), key: true), HttpStatusCode.Conflict, "CBC.99002050");
        var text = refused.ToString();
        Assert.Contains(protectedUntil.UtcDateTime.ToString("yyyy-MM-dd"), text);
        Assert.DoesNotContain(firstId.ToString(), text);
        await ProblemAssert.IsProblem(await Scenario.PostAsync(first, "/v2/partners/opportunities/deals", Deal(account), key: true), HttpStatusCode.Conflict, "CBC.99002051");
        await ProblemAssert.IsSuccess(await Scenario.PostAsync(second, "/v2/partners/opportunities/deals", Deal(account, product: "ecs_baseline"), key: true), HttpStatusCode.Created);

        factory.Clock.SetUtcNow(protectedUntil.AddSeconds(1));
        await ProblemAssert.IsSuccess(await Scenario.PostAsync(second, "/v2/partners/opportunities/deals", Deal(account), key: true), HttpStatusCode.Created);
        await _scenario.SentAsync<DealRegistered>(e => e.GetProperty("customerAccountName").GetString() == account);
    }

    [Fact]
    public async Task Partners_registering_one_customer_and_product_at_once_register_it_once()
    {
        var account = "race-" + Guid.NewGuid().ToString("N")[..8];
        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ =>
            Scenario.PostAsync(_scenario.Partner(Guid.NewGuid()), "/v2/partners/opportunities/deals", Deal(account), key: true)));

        Assert.Single(answers, a => a.StatusCode == HttpStatusCode.Created);
        foreach (var loser in answers.Where(a => a.StatusCode != HttpStatusCode.Created))
        {
            await ProblemAssert.IsProblem(loser, HttpStatusCode.Conflict, "CBC.99002050");
        }
    }

    [Fact]
    public async Task Deals_are_queried_by_deal_name_customer_name_account_name_and_account_manager()
    {
        var partner = _scenario.Partner(Guid.NewGuid());
        var suffix = Guid.NewGuid().ToString("N")[..6];
        await ProblemAssert.IsSuccess(await Scenario.PostAsync(partner, "/v2/partners/opportunities/deals", Deal("alpha-" + suffix, name: "Warehouse 100%", manager: "Zhao Lei"), key: true), HttpStatusCode.Created);
        await ProblemAssert.IsSuccess(await Scenario.PostAsync(partner, "/v2/partners/opportunities/deals", Deal("beta-" + suffix, name: "Portal", manager: "Sun Li"), key: true), HttpStatusCode.Created);

        async Task<int> CountAsync(string query) => (await Scenario.GetJsonAsync(partner, "/v2/partners/opportunities/deals?" + query)).GetProperty("total_count").GetInt32();
        Assert.Equal(2, await CountAsync(""));
        Assert.Equal(1, await CountAsync("deal_name=100%25"));
        Assert.Equal(0, await CountAsync("deal_name=10_%25"));
        Assert.Equal(2, await CountAsync("customer_name=qianhai"));
        Assert.Equal(1, await CountAsync($"customer_account_name=ALPHA-{suffix}"));
        Assert.Equal(1, await CountAsync("account_manager_name=sun"));
        Assert.Equal(0, await CountAsync("account_manager_name=sun&deal_name=warehouse"));
        Assert.Equal(0, (await Scenario.GetJsonAsync(_scenario.Partner(Guid.NewGuid()), "/v2/partners/opportunities/deals")).GetProperty("total_count").GetInt32());
    }

    [Fact]
    public async Task Only_customers_of_actively_linked_resellers_can_be_chosen()
    {
        var distributorId = Guid.NewGuid();
        var resellerId = Guid.NewGuid();
        var linkId = Guid.NewGuid();
        var customerId = Guid.NewGuid();
        var strangerCustomer = Guid.NewGuid();
        var distributor = _scenario.Partner(distributorId);
        var now = factory.Clock.GetUtcNow();
        await factory.PublishAsync(new ResellerLinked(linkId, distributorId, resellerId, now));
        await factory.PublishAsync(new CustomerAssociated(distributorId, customerId, "reseller", resellerId, now));
        await factory.PublishAsync(new CustomerAssociated(Guid.NewGuid(), strangerCustomer, "reseller", null, now));
        await Eventually.HoldsAsync(
            async () => (await Scenario.GetJsonAsync(distributor, "/v2/partners/opportunities/deals/reseller-customers")).GetProperty("total_count").GetInt32() == 1,
            Scenario.EventTimeout,
            "the reseller's customer is choosable");

        await ProblemAssert.IsProblem(
            await Scenario.PostAsync(distributor, "/v2/partners/opportunities/deals", Deal("x-" + Guid.NewGuid(), customerId: strangerCustomer, resellerId: resellerId), key: true),
            HttpStatusCode.BadRequest,
            "CBC.99002052");
        await ProblemAssert.IsSuccess(
            await Scenario.PostAsync(distributor, "/v2/partners/opportunities/deals", Deal("r-" + Guid.NewGuid(), customerId: customerId, resellerId: resellerId), key: true),
            HttpStatusCode.Created);

        await factory.PublishAsync(new ResellerSuspended(linkId, distributorId, resellerId, now.AddMinutes(1)));
        await Eventually.HoldsAsync(
            async () => (await Scenario.GetJsonAsync(distributor, "/v2/partners/opportunities/deals/reseller-customers")).GetProperty("total_count").GetInt32() == 0,
            Scenario.EventTimeout,
            "the suspended link's customers are not choosable");
        await ProblemAssert.IsProblem(
            await Scenario.PostAsync(distributor, "/v2/partners/opportunities/deals", Deal("s-" + Guid.NewGuid(), product: "saas_ready", customerId: customerId, resellerId: resellerId), key: true),
            HttpStatusCode.BadRequest,
            "CBC.99002052");
    }
}

using System.Net;
using System.Net.Http.Json;
using PartnerPlatform.ServiceDefaults;
using Resellers.Api.Domain;
using Resellers.Tests.Support;

namespace Resellers.Tests;

/// <summary>
/// Every endpoint that names another partner's object answers 404 CBC.0156 to an outsider (a
/// partner in every programme), while the object's own party gets past the tenant check; every
/// vendor-only endpoint answers 403 CBC.0151 to partners. Generated over the endpoint lists below.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class TenantIsolationTests(ResellersApiFactory api)
{
    private const string Distribution = "/v2/partners/distribution";
    private const string IndirectPartners = "/v2/partners/indirect-partners";
    private readonly Scenario _scenario = new(api);

    private enum Party
    {
        Distributor,
        Reseller,
    }

    private sealed record Objects(Guid LinkId, Guid Distributor, Guid Reseller, Guid ScorecardId, string OrderId);

    private sealed record Endpoint(HttpMethod Method, Func<Objects, string> Path, Party Owner, object? Body = null, bool IfMatch = false);

    private static readonly object PlanBody = new
    {
        file_name = "plan.csv", content_type = "text/csv", content_base64 = Convert.ToBase64String("a,b\n"u8.ToArray()), handling_option = "rectification",
    };

    private static readonly Dictionary<string, Endpoint> TenantEndpoints = BuildTenantEndpoints();

    private static readonly Dictionary<string, Endpoint> VendorEndpoints = new()
    {
        ["vendor-approve link"] = new(HttpMethod.Post, o => $"{Distribution}/links/{o.LinkId}/vendor-approve", Party.Distributor, new { }),
        ["vendor-reject link"] = new(HttpMethod.Post, o => $"{Distribution}/links/{o.LinkId}/vendor-reject", Party.Distributor, new { }),
        ["get join facts"] = new(HttpMethod.Get, o => $"{Distribution}/join-facts/{o.Reseller}", Party.Reseller),
        ["record join facts"] = new(
            HttpMethod.Put,
            o => $"{Distribution}/join-facts/{o.Reseller}",
            Party.Reseller,
            new { has_arrears = false, has_credit_account = false, is_frozen = false, is_associated_customer = false },
            IfMatch: true),
        ["publish scorecard"] = new(HttpMethod.Post, o => $"{Distribution}/scorecards", Party.Distributor, new { reseller_partner_id = Guid.NewGuid(), period = "2026-Q1" }),
        ["approve plan"] = new(HttpMethod.Post, o => $"{Distribution}/scorecards/{o.ScorecardId}/improvement-plan/approve", Party.Reseller, new { }),
        ["reject plan"] = new(HttpMethod.Post, o => $"{Distribution}/scorecards/{o.ScorecardId}/improvement-plan/reject", Party.Reseller, new { }),
        ["record order"] = new(HttpMethod.Post, o => $"{Distribution}/marketplace/orders", Party.Reseller, new { order_id = "x" }),
    };

    public static TheoryData<string> TenantEndpointNames() => [.. TenantEndpoints.Keys];

    public static TheoryData<string> VendorEndpointNames() => [.. VendorEndpoints.Keys];

    [Theory]
    [MemberData(nameof(TenantEndpointNames))]
    public async Task An_outsider_gets_404_for_another_partners_object(string endpoint)
    {
        var objects = await CreateObjectsAsync();
        var outsider = _scenario.As(Callers.Partner(await _scenario.PartnerAsync(), "distributor", "cloud_reseller", "solution_provider"));

        var response = await SendAsync(outsider, TenantEndpoints[endpoint], objects);

        await ProblemAssert.IsProblem(response, HttpStatusCode.NotFound, "CBC.0156");
    }

    [Theory]
    [MemberData(nameof(TenantEndpointNames))]
    public async Task The_owning_party_gets_past_the_tenant_check(string endpoint)
    {
        var objects = await CreateObjectsAsync();
        var definition = TenantEndpoints[endpoint];
        var owner = definition.Owner == Party.Distributor ? _scenario.AsDistributor(objects.Distributor) : _scenario.AsReseller(objects.Reseller);

        var response = await SendAsync(owner, definition, objects);

        Assert.True(
            response.StatusCode != HttpStatusCode.NotFound && (int)response.StatusCode < 500,
            $"{endpoint}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    [Theory]
    [MemberData(nameof(VendorEndpointNames))]
    public async Task A_partner_gets_403_from_a_vendor_only_endpoint(string endpoint)
    {
        var objects = await CreateObjectsAsync();
        var definition = VendorEndpoints[endpoint];
        var party = definition.Owner == Party.Distributor ? _scenario.AsDistributor(objects.Distributor) : _scenario.AsReseller(objects.Reseller);

        var response = await SendAsync(party, definition, objects);

        await ProblemAssert.IsProblem(response, HttpStatusCode.Forbidden, "CBC.0151");
    }

    [Fact]
    public async Task A_request_without_a_token_gets_401()
    {
        var response = await _scenario.Api.CreateCallerClient(null).GetAsync($"{Distribution}/links");

        await ProblemAssert.IsProblem(response, HttpStatusCode.Unauthorized, "CBC.0154");
    }

    [Fact]
    public async Task Link_lists_show_only_the_callers_links()
    {
        var mine = await _scenario.ActiveLinkAsync();
        await _scenario.ActiveLinkAsync();

        var body = await ProblemAssert.IsSuccess(await _scenario.AsDistributor(mine.Distributor).GetAsync($"{Distribution}/links"));

        Assert.Equal(1, body.GetProperty("total_count").GetInt64());
        Assert.Equal(mine.LinkId, body.GetProperty("links")[0].GetProperty("link_id").GetGuid());
    }

    private static Dictionary<string, Endpoint> BuildTenantEndpoints()
    {
        var endpoints = new Dictionary<string, Endpoint>
        {
            ["get link"] = new(HttpMethod.Get, o => $"{Distribution}/links/{o.LinkId}", Party.Distributor),
            ["get indirect partner"] = new(HttpMethod.Get, o => $"{IndirectPartners}/{o.Reseller}", Party.Distributor),
            ["assign account manager"] = new(
                HttpMethod.Put, o => $"{IndirectPartners}/{o.Reseller}/account-manager", Party.Distributor, new { member_id = Guid.NewGuid() }, IfMatch: true),
            ["account manager history"] = new(HttpMethod.Get, o => $"{IndirectPartners}/{o.Reseller}/account-managers", Party.Distributor),
            ["get scorecard"] = new(HttpMethod.Get, o => $"{Distribution}/scorecards/{o.ScorecardId}", Party.Reseller),
            ["submit plan"] = new(HttpMethod.Put, o => $"{Distribution}/scorecards/{o.ScorecardId}/improvement-plan", Party.Reseller, PlanBody, IfMatch: true),
            ["download plan"] = new(HttpMethod.Get, o => $"{Distribution}/scorecards/{o.ScorecardId}/improvement-plan/document", Party.Reseller),
            ["withdraw plan"] = new(HttpMethod.Post, o => $"{Distribution}/scorecards/{o.ScorecardId}/improvement-plan/withdraw", Party.Reseller),
            ["get order"] = new(HttpMethod.Get, o => $"{Distribution}/marketplace/orders/{o.OrderId}", Party.Reseller),
            ["adjust price"] = new(
                HttpMethod.Post, o => $"{Distribution}/marketplace/orders/{o.OrderId}/price-adjustments", Party.Reseller, new { price = 90.00m }),
        };
        foreach (var action in Enum.GetValues<LinkAction>().Where(a => LinkTransitions.ActorsOf(a) != LinkActor.Vendor))
        {
            var owner = LinkTransitions.ActorsOf(action).HasFlag(LinkActor.Distributor) ? Party.Distributor : Party.Reseller;
            endpoints[LinkTransitions.RouteName(action) + " link"] = new(
                HttpMethod.Post, o => $"{Distribution}/links/{o.LinkId}/{LinkTransitions.RouteName(action)}", owner, new { reason = "because" });
        }

        return endpoints;
    }

    /// <summary>An active link, a failed scorecard with a submitted plan, and a marketplace order carrying the reseller's id.</summary>
    private async Task<Objects> CreateObjectsAsync()
    {
        var (linkId, distributor, reseller) = await _scenario.ActiveLinkAsync();
        var vendor = _scenario.AsVendor();
        var scorecard = await ProblemAssert.IsSuccess(
            await Scenario.PostIdempotentAsync(
                vendor,
                $"{Distribution}/scorecards",
                new { reseller_partner_id = reseller, period = "2026-Q3", new_customers = 0, coupon_redemptions = 0, opportunities_won = 0 }),
            HttpStatusCode.Created);
        var scorecardId = scorecard.GetProperty("scorecard_id").GetGuid();
        await ProblemAssert.IsSuccess(await Scenario.SendJsonAsync(
            _scenario.AsReseller(reseller), HttpMethod.Put, $"{Distribution}/scorecards/{scorecardId}/improvement-plan", PlanBody, "*"));
        var orderId = "ord-" + Guid.NewGuid().ToString("N");
        await ProblemAssert.IsSuccess(
            await Scenario.PostIdempotentAsync(
                vendor,
                $"{Distribution}/marketplace/orders",
                new
                {
                    order_id = orderId, customer_id = Guid.NewGuid(), product_name = "Curated ECS bundle", reseller_partner_id = reseller,
                    catalogue_price = 100.00m, floor_price = 80.00m, currency = "CNY", ordered_at = DateTimeOffset.UtcNow,
                }),
            HttpStatusCode.Created);
        return new Objects(linkId, distributor, reseller, scorecardId, orderId);
    }

    private static Task<HttpResponseMessage> SendAsync(HttpClient client, Endpoint endpoint, Objects objects)
    {
        var request = new HttpRequestMessage(endpoint.Method, endpoint.Path(objects));
        if (endpoint.Body is not null)
        {
            request.Content = JsonContent.Create(endpoint.Body, endpoint.Body.GetType(), options: PlatformJson.Options);
        }

        if (endpoint.IfMatch)
        {
            request.Headers.TryAddWithoutValidation("If-Match", "*");
        }

        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString("N"));
        return client.SendAsync(request);
    }
}

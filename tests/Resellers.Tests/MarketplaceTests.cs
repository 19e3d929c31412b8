using System.Net;
using System.Text.Json;
using Resellers.Tests.Support;

namespace Resellers.Tests;

/// <summary>Curated-mall prices: between floor and catalogue price, only on orders carrying the reseller's id, recorded.</summary>
[Collection(ApiCollection.Name)]
public sealed class MarketplaceTests(ResellersApiFactory api)
{
    private const string Orders = "/v2/partners/distribution/marketplace/orders";
    private readonly Scenario _scenario = new(api);

    [Fact]
    public async Task A_reseller_sets_prices_within_the_band_and_every_change_is_recorded()
    {
        var reseller = await _scenario.PartnerAsync();
        var order = await RecordAsync(reseller);
        var client = _scenario.AsReseller(reseller);

        var first = await ProblemAssert.IsSuccess(await AdjustAsync(client, order, 90.50m));
        var second = await ProblemAssert.IsSuccess(await AdjustAsync(client, order, 80.00m));
        var atCatalogue = await ProblemAssert.IsSuccess(await AdjustAsync(client, order, 100.00m));

        Assert.Equal(90.50m, first.GetProperty("price").GetDecimal());
        Assert.Equal(80.00m, second.GetProperty("price").GetDecimal());
        var adjustments = atCatalogue.GetProperty("adjustments").EnumerateArray().ToList();
        Assert.Equal([90.50m, 80.00m, 100.00m], adjustments.Select(a => a.GetProperty("new_price").GetDecimal()));
        Assert.Equal([100.00m, 90.50m, 80.00m], adjustments.Select(a => a.GetProperty("previous_price").GetDecimal()));

        var listed = await ProblemAssert.IsSuccess(await client.GetAsync(Orders));
        Assert.Equal(1, listed.GetProperty("total_count").GetInt64());
    }

    [Theory]
    [InlineData("79.99", "CBC.600011")]
    [InlineData("100.01", "CBC.600011")]
    [InlineData("85.555", "CBC.0100")]
    [InlineData("-1", "CBC.0100")]
    public async Task A_price_outside_the_band_or_malformed_is_refused_and_nothing_is_recorded(string price, string code)
    {
        var reseller = await _scenario.PartnerAsync();
        var order = await RecordAsync(reseller);
        var client = _scenario.AsReseller(reseller);

        var response = await AdjustAsync(client, order, decimal.Parse(price, System.Globalization.CultureInfo.InvariantCulture));

        await ProblemAssert.IsProblem(response, HttpStatusCode.BadRequest, code);
        var view = await ProblemAssert.IsSuccess(await client.GetAsync($"{Orders}/{order}"));
        Assert.Equal(100.00m, view.GetProperty("price").GetDecimal());
        Assert.Empty(view.GetProperty("adjustments").EnumerateArray());
    }

    [Fact]
    public async Task A_direct_sale_keeps_its_price()
    {
        var reseller = await _scenario.PartnerAsync();
        var order = await RecordAsync(resellerOnOrder: null);

        var response = await AdjustAsync(_scenario.AsReseller(reseller), order, 90m);

        await ProblemAssert.IsProblem(response, HttpStatusCode.Conflict, "CBC.600012");
    }

    [Fact]
    public async Task Another_resellers_order_is_not_found()
    {
        var order = await RecordAsync(await _scenario.PartnerAsync());

        var response = await AdjustAsync(_scenario.AsReseller(await _scenario.PartnerAsync()), order, 90m);

        await ProblemAssert.IsProblem(response, HttpStatusCode.NotFound, "CBC.0156");
    }

    [Fact]
    public async Task The_marketplace_may_report_an_order_twice_but_not_with_other_facts()
    {
        var reseller = await _scenario.PartnerAsync();
        var orderId = "ord-" + Guid.NewGuid().ToString("N");
        var customer = Guid.NewGuid();
        object Body(decimal floor) => new
        {
            order_id = orderId, customer_id = customer, product_name = "Curated bundle", reseller_partner_id = reseller,
            catalogue_price = 100.00m, floor_price = floor, currency = "CNY", ordered_at = DateTimeOffset.UtcNow,
        };

        await ProblemAssert.IsSuccess(await Scenario.PostIdempotentAsync(_scenario.AsVendor(), Orders, Body(80m)), HttpStatusCode.Created);
        await ProblemAssert.IsSuccess(await Scenario.PostIdempotentAsync(_scenario.AsVendor(), Orders, Body(80m)));
        await ProblemAssert.IsProblem(await Scenario.PostIdempotentAsync(_scenario.AsVendor(), Orders, Body(70m)), HttpStatusCode.Conflict, "CBC.600016");
    }

    [Fact]
    public async Task An_order_with_a_floor_above_the_catalogue_price_is_refused()
    {
        var response = await Scenario.PostIdempotentAsync(_scenario.AsVendor(), Orders, new
        {
            order_id = "ord-bad", customer_id = Guid.NewGuid(), product_name = "x", catalogue_price = 10m, floor_price = 20m, currency = "CNY",
            ordered_at = DateTimeOffset.UtcNow,
        });

        var problem = await ProblemAssert.IsProblem(response, HttpStatusCode.BadRequest, "CBC.0100");
        Assert.True(problem.GetProperty("errors").TryGetProperty("floor_price", out _));
    }

    private async Task<string> RecordAsync(Guid? resellerOnOrder)
    {
        var orderId = "ord-" + Guid.NewGuid().ToString("N");
        var response = await Scenario.PostIdempotentAsync(_scenario.AsVendor(), Orders, new
        {
            order_id = orderId, customer_id = Guid.NewGuid(), product_name = "Curated ECS bundle", reseller_partner_id = resellerOnOrder,
            catalogue_price = 100.00m, floor_price = 80.00m, currency = "CNY", ordered_at = DateTimeOffset.UtcNow,
        });
        await ProblemAssert.IsSuccess(response, HttpStatusCode.Created);
        return orderId;
    }

    private static Task<HttpResponseMessage> AdjustAsync(HttpClient client, string order, decimal price) =>
        Scenario.PostIdempotentAsync(client, $"{Orders}/{order}/price-adjustments", new { price });

    internal static decimal Price(JsonElement order) => order.GetProperty("price").GetDecimal();
}

using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using PartnerPlatform.ServiceDefaults;
using Resellers.Api.Application;
using Resellers.Api.Domain;

namespace Resellers.Api.Apis;

/// <summary>Curated-mall price adjustments by the reseller whose id the order carries.</summary>
public static class MarketplaceApi
{
    public static IEndpointRouteBuilder MapMarketplaceApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(LinksApi.Prefix + "/marketplace").WithTags("Marketplace");

        api.MapPost("/orders", RecordOrderAsync)
            .WithName("RecordMarketplaceOrder")
            .ProducesErrorCodes(ResellersErrors.OrderExists)
            .WithSummary("The marketplace (vendor staff) records a curated-mall order with its catalogue and floor price")
            .RequireVendorRole(VendorRoles.VendorStaff)
            .WithIdempotency();

        api.MapGet("/orders", ListOrdersAsync)
            .WithName("ListMarketplaceOrders")
            .WithSummary("Orders carrying the calling reseller's id")
            .RequirePartner()
            .Produces<PagedResponse<MarketplaceOrderView>>();

        api.MapGet("/orders/{order_id}", GetOrderAsync)
            .WithName("GetMarketplaceOrder")
            .WithSummary("One order with its recorded price adjustments");

        api.MapPost("/orders/{order_id}/price-adjustments", AdjustPriceAsync)
            .WithName("AdjustMarketplaceOrderPrice")
            .ProducesErrorCodes(ResellersErrors.DirectSale, ResellersErrors.PriceOutOfRange)
            .WithSummary("Set the customer's price between floor and catalogue price; only for orders carrying the caller's reseller id; recorded")
            .RequirePartner()
            .WithIdempotency();

        return app;
    }

    private static async Task<Results<Created<MarketplaceOrderView>, Ok<MarketplaceOrderView>>> RecordOrderAsync(
        RecordOrderRequest request, CurrentCaller caller, Marketplace marketplace, CancellationToken ct)
    {
        var (order, created) = await marketplace.RecordOrderAsync(caller, request, ct);
        return created
            ? TypedResults.Created($"{LinksApi.Prefix}/marketplace/orders/{order.Order.OrderId}", MarketplaceOrderView.From(order))
            : TypedResults.Ok(MarketplaceOrderView.From(order));
    }

    private static async Task<Ok<PagedResponse<MarketplaceOrderView>>> ListOrdersAsync(
        CurrentCaller caller, PageRequest page, Marketplace marketplace, CancellationToken ct)
    {
        var (total, items) = await marketplace.ListOrdersAsync(caller, page, ct);
        return TypedResults.Ok(new PagedResponse<MarketplaceOrderView>("orders", total, [.. items.Select(MarketplaceOrderView.From)]));
    }

    private static async Task<Ok<MarketplaceOrderView>> GetOrderAsync(
        [FromRoute(Name = "order_id")] string orderId, CurrentCaller caller, Marketplace marketplace, CancellationToken ct) =>
        TypedResults.Ok(MarketplaceOrderView.From(await marketplace.GetOrderAsync(caller, orderId, ct)));

    private static async Task<Ok<MarketplaceOrderView>> AdjustPriceAsync(
        [FromRoute(Name = "order_id")] string orderId, PriceAdjustmentRequest request, CurrentCaller caller,
        Marketplace marketplace, CancellationToken ct) =>
        TypedResults.Ok(MarketplaceOrderView.From(await marketplace.AdjustPriceAsync(caller, orderId, request, ct)));
}

using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using PartnerPlatform.ServiceDefaults;
using Resellers.Api.Data;
using Resellers.Api.Domain;
using Resellers.Api.Infrastructure;

namespace Resellers.Api.Apis;

/// <summary>
/// A curated-mall order as the marketplace reports it. <c>reseller_partner_id</c> is the id the
/// customer entered at order time (null or left out: a direct sale). Prices in <c>currency</c>
/// (ISO 4217), 2 decimal places, floor ≤ catalogue.
/// </summary>
public sealed record RecordOrderRequest(
    string OrderId, Guid CustomerId, string ProductName, decimal CataloguePrice, decimal FloorPrice, string Currency,
    DateTimeOffset OrderedAt, Guid? ResellerPartnerId = null);

public sealed record PriceAdjustmentRequest(decimal Price, string? Reason = null);

public sealed record PriceAdjustmentView(decimal PreviousPrice, decimal NewPrice, string Currency, string? Reason, Guid AdjustedBy, DateTimeOffset AdjustedAt);

public sealed record MarketplaceOrderView(
    string OrderId,
    Guid CustomerId,
    string ProductName,
    Guid? ResellerPartnerId,
    decimal CataloguePrice,
    decimal FloorPrice,
    decimal Price,
    string Currency,
    DateTimeOffset OrderedAt,
    IReadOnlyList<PriceAdjustmentView> Adjustments);

/// <summary>Curated-mall price adjustments by the reseller whose id the order carries.</summary>
public static partial class MarketplaceApi
{
    public static IEndpointRouteBuilder MapMarketplaceApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(LinksApi.Prefix + "/marketplace").WithTags("Marketplace");

        api.MapPost("/orders", RecordOrderAsync)
            .WithName("RecordMarketplaceOrder")
            .WithSummary("The marketplace (vendor staff) records a curated-mall order with its catalogue and floor price")
            .RequireVendorRole(CallerExtensions.VendorRoles)
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
            .WithSummary("Set the customer's price between floor and catalogue price; only for orders carrying the caller's reseller id; recorded")
            .RequirePartner()
            .WithIdempotency();

        return app;
    }

    private static async Task<Results<Created<MarketplaceOrderView>, Ok<MarketplaceOrderView>>> RecordOrderAsync(
        RecordOrderRequest request, CurrentCaller caller, ResellersDbContext db, TimeProvider timeProvider, CancellationToken ct)
    {
        var validation = new Validation();
        var orderId = validation.Text("order_id", request.OrderId, 64, required: true) ?? "";
        if (orderId.Length > 0 && !OrderIdPattern().IsMatch(orderId))
        {
            validation.Add("order_id", "order_id may hold letters, digits, '-' and '_' only.");
        }

        validation.Id("customer_id", request.CustomerId);
        var product = validation.Text("product_name", request.ProductName, 200, required: true) ?? "";
        var currency = validation.Text("currency", request.Currency, 3, required: true) ?? "";
        if (currency.Length > 0 && !CurrencyPattern().IsMatch(currency))
        {
            validation.Add("currency", "currency must be an ISO 4217 code such as CNY.");
        }

        validation.Money("catalogue_price", request.CataloguePrice);
        validation.Money("floor_price", request.FloorPrice);
        if (request.FloorPrice > request.CataloguePrice)
        {
            validation.Add("floor_price", "floor_price must not exceed catalogue_price.");
        }

        if (request.ResellerPartnerId == Guid.Empty)
        {
            validation.Add("reseller_partner_id", "reseller_partner_id must be a non-empty id or null.");
        }

        validation.ThrowIfAny();
        var existing = await db.MarketplaceOrders.AsNoTracking().SingleOrDefaultAsync(o => o.OrderId == orderId, ct);
        if (existing is not null)
        {
            // The marketplace may report an order twice; the same facts are fine, other facts are a conflict.
            return existing.CustomerId == request.CustomerId && existing.ResellerPartnerId == request.ResellerPartnerId
                && existing.CataloguePrice == request.CataloguePrice && existing.FloorPrice == request.FloorPrice
                && existing.Currency == currency
                    ? TypedResults.Ok(await ViewAsync(db, existing, ct))
                    : throw new ApiException(ResellerErrors.OrderExists);
        }

        var order = MarketplaceOrder.Record(
            orderId, request.CustomerId, product, request.ResellerPartnerId, request.CataloguePrice, request.FloorPrice, currency,
            request.OrderedAt, caller.UserGuid(), timeProvider.Now());
        db.MarketplaceOrders.Add(order);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (ex.IsUniqueViolation())
        {
            throw new ApiException(ResellerErrors.OrderExists);
        }

        return TypedResults.Created($"{LinksApi.Prefix}/marketplace/orders/{order.OrderId}", await ViewAsync(db, order, ct));
    }

    private static async Task<Ok<PagedResponse<MarketplaceOrderView>>> ListOrdersAsync(
        CurrentCaller caller, PageRequest page, ResellersDbContext db, CancellationToken ct)
    {
        var reseller = caller.PartnerGuid();
        var query = db.MarketplaceOrders.AsNoTracking().Where(o => o.ResellerPartnerId == reseller);
        var total = await query.LongCountAsync(ct);
        var orders = await query.OrderByDescending(o => o.OrderedAt).ThenBy(o => o.OrderId).Page(page).ToListAsync(ct);
        var views = new List<MarketplaceOrderView>(orders.Count);
        foreach (var order in orders)
        {
            views.Add(await ViewAsync(db, order, ct));
        }

        return TypedResults.Ok(new PagedResponse<MarketplaceOrderView>("orders", total, views));
    }

    private static async Task<Ok<MarketplaceOrderView>> GetOrderAsync(
        [FromRoute(Name = "order_id")] string orderId, CurrentCaller caller, ResellersDbContext db, CancellationToken ct)
    {
        var order = await db.MarketplaceOrders.AsNoTracking().SingleOrDefaultAsync(o => o.OrderId == orderId, ct);
        if (order is null || !(caller.IsVendorStaff() || (order.ResellerPartnerId is { } owner && owner == caller.PartnerGuidOrNull())))
        {
            throw ApiException.NotFound();
        }

        return TypedResults.Ok(await ViewAsync(db, order, ct));
    }

    private static async Task<Ok<MarketplaceOrderView>> AdjustPriceAsync(
        [FromRoute(Name = "order_id")] string orderId, PriceAdjustmentRequest request, CurrentCaller caller,
        ResellersDbContext db, TimeProvider timeProvider, CancellationToken ct)
    {
        var validation = new Validation();
        validation.Money("price", request.Price);
        var reason = validation.Text("reason", request.Reason, 500);
        validation.ThrowIfAny();

        var partner = caller.PartnerGuid();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.Database.ExecuteSqlInterpolatedAsync($"SELECT 1 FROM marketplace_orders WHERE order_id = {orderId} FOR UPDATE", ct);
        var order = await db.MarketplaceOrders.SingleOrDefaultAsync(o => o.OrderId == orderId, ct);
        if (order is null || (order.ResellerPartnerId is { } owner && owner != partner))
        {
            throw ApiException.NotFound();
        }

        db.PriceAdjustments.Add(order.AdjustPrice(request.Price, reason, caller.UserGuid(), timeProvider.Now()));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return TypedResults.Ok(await ViewAsync(db, order, ct));
    }

    private static async Task<MarketplaceOrderView> ViewAsync(ResellersDbContext db, MarketplaceOrder order, CancellationToken ct)
    {
        var adjustments = await db.PriceAdjustments.AsNoTracking()
            .Where(a => a.OrderId == order.OrderId)
            .OrderBy(a => a.AdjustedAt).ThenBy(a => a.Id)
            .Select(a => new PriceAdjustmentView(a.PreviousPrice, a.NewPrice, order.Currency, a.Reason, a.AdjustedBy, a.AdjustedAt))
            .ToListAsync(ct);
        return new MarketplaceOrderView(
            order.OrderId, order.CustomerId, order.ProductName, order.ResellerPartnerId, order.CataloguePrice, order.FloorPrice,
            order.Price, order.Currency, order.OrderedAt, adjustments);
    }

    [GeneratedRegex("^[A-Za-z0-9_-]+$", RegexOptions.CultureInvariant)]
    private static partial Regex OrderIdPattern();

    [GeneratedRegex("^[A-Z]{3}$", RegexOptions.CultureInvariant)]
    private static partial Regex CurrencyPattern();
}

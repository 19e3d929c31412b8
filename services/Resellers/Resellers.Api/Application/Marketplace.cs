using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using PartnerPlatform.ServiceDefaults;
using Resellers.Api.Data;
using Resellers.Api.Domain;

namespace Resellers.Api.Application;

/// <summary>
/// A curated-mall order as the marketplace reports it. <c>reseller_partner_id</c> is the id the
/// customer entered at order time (null or left out: a direct sale). Prices in <c>currency</c>
/// (ISO 4217), 2 decimal places, floor ≤ catalogue.
/// </summary>
public sealed record RecordOrderRequest(
    string OrderId, Guid CustomerId, string ProductName, decimal CataloguePrice, decimal FloorPrice, string Currency,
    DateTimeOffset OrderedAt, Guid? ResellerPartnerId = null);

public sealed record PriceAdjustmentRequest(decimal Price, string? Reason = null);

/// <summary>An order with its recorded price adjustments, oldest first.</summary>
public sealed record OrderWithAdjustments(MarketplaceOrder Order, IReadOnlyList<PriceAdjustment> Adjustments);

/// <summary>Curated-mall orders and the price adjustments of the reseller whose id an order carries.</summary>
public sealed partial class Marketplace(ResellersDbContext db, TimeProvider timeProvider)
{
    /// <summary>
    /// Records an order; <c>Created</c> is false when the same order with the same facts was recorded
    /// before (the marketplace may report an order twice). Other facts under a known id are 409 CBC.600016.
    /// </summary>
    public async Task<(OrderWithAdjustments Order, bool Created)> RecordOrderAsync(CurrentCaller caller, RecordOrderRequest request, CancellationToken ct)
    {
        var validation = new FieldValidation();
        var orderId = validation.RequiredText(request.OrderId, "order_id", 64);
        if (orderId.Length > 0 && !OrderIdPattern().IsMatch(orderId))
        {
            validation.Add("order_id", "order_id may hold letters, digits, '-' and '_' only.");
        }

        validation.Id("customer_id", request.CustomerId);
        var product = validation.RequiredText(request.ProductName, "product_name", 200);
        var currency = validation.RequiredText(request.Currency, "currency", 3);
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
            return existing.CustomerId == request.CustomerId && existing.ResellerPartnerId == request.ResellerPartnerId
                && existing.CataloguePrice == request.CataloguePrice && existing.FloorPrice == request.FloorPrice
                && existing.Currency == currency
                    ? (await WithAdjustmentsAsync(existing, ct), false)
                    : throw new ApiException(ResellersErrors.OrderExists);
        }

        var order = MarketplaceOrder.Record(
            orderId, request.CustomerId, product, request.ResellerPartnerId, request.CataloguePrice, request.FloorPrice, currency,
            request.OrderedAt, caller.GetUserGuid(), timeProvider.Now());
        db.MarketplaceOrders.Add(order);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (ex.IsUniqueViolation())
        {
            throw new ApiException(ResellersErrors.OrderExists);
        }

        return (await WithAdjustmentsAsync(order, ct), true);
    }

    /// <summary>Orders carrying the calling reseller's id, newest first.</summary>
    public async Task<(long Total, List<OrderWithAdjustments> Items)> ListOrdersAsync(CurrentCaller caller, PageRequest page, CancellationToken ct)
    {
        var reseller = caller.GetPartnerGuid();
        var query = db.MarketplaceOrders.AsNoTracking().Where(o => o.ResellerPartnerId == reseller);
        var total = await query.LongCountAsync(ct);
        var orders = await query.OrderByDescending(o => o.OrderedAt).ThenBy(o => o.OrderId).Page(page).ToListAsync(ct);
        var items = new List<OrderWithAdjustments>(orders.Count);
        foreach (var order in orders)
        {
            items.Add(await WithAdjustmentsAsync(order, ct));
        }

        return (total, items);
    }

    /// <summary>An order for vendor staff or the reseller it carries; anything else is 404 CBC.0156.</summary>
    public async Task<OrderWithAdjustments> GetOrderAsync(CurrentCaller caller, string orderId, CancellationToken ct)
    {
        var order = await db.MarketplaceOrders.AsNoTracking().SingleOrDefaultAsync(o => o.OrderId == orderId, ct);
        if (order is null || !(caller.HasVendorRole(VendorRoles.VendorStaff) || (order.ResellerPartnerId is { } owner && owner == caller.PartnerGuidOrNull)))
        {
            throw ApiException.NotFound();
        }

        return await WithAdjustmentsAsync(order, ct);
    }

    /// <summary>Sets the customer's price between floor and catalogue price, under the order's row lock; recorded.</summary>
    public async Task<OrderWithAdjustments> AdjustPriceAsync(CurrentCaller caller, string orderId, PriceAdjustmentRequest request, CancellationToken ct)
    {
        var validation = new FieldValidation();
        validation.Money("price", request.Price);
        var reason = validation.Text(request.Reason, "reason", 500);
        validation.ThrowIfAny();

        var partner = caller.GetPartnerGuid();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.Database.ExecuteSqlInterpolatedAsync($"SELECT 1 FROM marketplace_orders WHERE order_id = {orderId} FOR UPDATE", ct);
        var order = await db.MarketplaceOrders.SingleOrDefaultAsync(o => o.OrderId == orderId, ct);
        if (order is null || (order.ResellerPartnerId is { } owner && owner != partner))
        {
            throw ApiException.NotFound();
        }

        db.PriceAdjustments.Add(order.AdjustPrice(request.Price, reason, caller.GetUserGuid(), timeProvider.Now()));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return await WithAdjustmentsAsync(order, ct);
    }

    private async Task<OrderWithAdjustments> WithAdjustmentsAsync(MarketplaceOrder order, CancellationToken ct)
    {
        var adjustments = await db.PriceAdjustments.AsNoTracking()
            .Where(a => a.OrderId == order.OrderId)
            .OrderBy(a => a.AdjustedAt).ThenBy(a => a.Id)
            .ToListAsync(ct);
        return new OrderWithAdjustments(order, adjustments);
    }

    [GeneratedRegex("^[A-Za-z0-9_-]+$", RegexOptions.CultureInvariant)]
    private static partial Regex OrderIdPattern();

    [GeneratedRegex("^[A-Z]{3}$", RegexOptions.CultureInvariant)]
    private static partial Regex CurrencyPattern();
}

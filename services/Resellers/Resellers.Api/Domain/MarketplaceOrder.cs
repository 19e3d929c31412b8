using PartnerPlatform.ServiceDefaults;

namespace Resellers.Api.Domain;

/// <summary>
/// A curated-mall (严选商城 / 云商店) order as the marketplace reported it. The reseller whose id the
/// customer entered at order time may set the price between the floor and the catalogue price; an
/// order without a reseller id is a direct sale and keeps its price.
/// </summary>
public sealed class MarketplaceOrder
{
    public string OrderId { get; init; } = "";

    public Guid CustomerId { get; init; }

    public string ProductName { get; init; } = "";

    /// <summary>The reseller id the customer entered at order time; null = direct sale.</summary>
    public Guid? ResellerPartnerId { get; init; }

    public decimal CataloguePrice { get; init; }

    public decimal FloorPrice { get; init; }

    public decimal Price { get; private set; }

    public string Currency { get; init; } = "";

    public DateTimeOffset OrderedAt { get; init; }

    public DateTimeOffset RecordedAt { get; init; }

    public Guid RecordedBy { get; init; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public static MarketplaceOrder Record(
        string orderId, Guid customerId, string productName, Guid? reseller, decimal cataloguePrice, decimal floorPrice,
        string currency, DateTimeOffset orderedAt, Guid by, DateTimeOffset now) => new()
        {
            OrderId = orderId,
            CustomerId = customerId,
            ProductName = productName,
            ResellerPartnerId = reseller,
            CataloguePrice = cataloguePrice,
            FloorPrice = floorPrice,
            Price = cataloguePrice,
            Currency = currency,
            OrderedAt = orderedAt,
            RecordedAt = now,
            RecordedBy = by,
            UpdatedAt = now,
        };

    /// <summary>Sets the customer's price; the caller has already checked the order carries its reseller id.</summary>
    public PriceAdjustment AdjustPrice(decimal price, string? reason, Guid by, DateTimeOffset now)
    {
        if (ResellerPartnerId is null)
        {
            throw new ApiException(ResellersErrors.DirectSale);
        }

        if (price < FloorPrice || price > CataloguePrice)
        {
            throw new ApiException(
                ResellersErrors.PriceOutOfRange,
                $"The price must be between the floor price {FloorPrice:0.00} and the catalogue price {CataloguePrice:0.00} {Currency}.",
                new Dictionary<string, string[]> { ["price"] = [$"Between {FloorPrice:0.00} and {CataloguePrice:0.00}."] });
        }

        var adjustment = new PriceAdjustment
        {
            Id = Guid.CreateVersion7(now),
            OrderId = OrderId,
            ResellerPartnerId = ResellerPartnerId.Value,
            PreviousPrice = Price,
            NewPrice = price,
            Reason = reason,
            AdjustedBy = by,
            AdjustedAt = now,
        };
        Price = price;
        UpdatedAt = now;
        return adjustment;
    }
}

/// <summary>One recorded price change of a marketplace order.</summary>
public sealed class PriceAdjustment
{
    public Guid Id { get; init; }

    public string OrderId { get; init; } = "";

    public Guid ResellerPartnerId { get; init; }

    public decimal PreviousPrice { get; init; }

    public decimal NewPrice { get; init; }

    public string? Reason { get; init; }

    public Guid AdjustedBy { get; init; }

    public DateTimeOffset AdjustedAt { get; init; }
}

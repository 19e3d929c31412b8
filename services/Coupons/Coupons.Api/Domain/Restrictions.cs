using PartnerPlatform.ServiceDefaults;

namespace Coupons.Api.Domain;

/// <summary>What a quota or coupon may pay for. An empty list means "no restriction".</summary>
public interface IRestricted
{
    string[] CloudServiceTypes { get; }

    string[] ProductIds { get; }

    string[] BillingModes { get; }

    string[] Regions { get; }

    decimal? MinOrderAmount { get; }

    /// <summary>Pickup vouchers only: the largest share of an order total the coupon may pay (0.01–1).</summary>
    decimal? MaxOrderShare { get; }
}

/// <summary>A set of restrictions, as requested or as resolved.</summary>
public sealed record Restrictions(
    string[] CloudServiceTypes,
    string[] ProductIds,
    string[] BillingModes,
    string[] Regions,
    decimal? MinOrderAmount,
    decimal? MaxOrderShare) : IRestricted
{
    public const int MaxListLength = 10;

    public static IReadOnlyList<string> KnownBillingModes { get; } = ["on_demand", "monthly", "yearly"];

    public static Restrictions None { get; } = new([], [], [], [], null, null);

    /// <summary>
    /// The restrictions of a coupon issued from (or a quota carved out of) <paramref name="outer"/>:
    /// what the request leaves out is inherited, what it sets must lie within <paramref name="outer"/>.
    /// Wider service types answer CBC.50000055, wider products CBC.50000054, anything else wider
    /// CBC.99006013.
    /// </summary>
    public static Restrictions Narrow(IRestricted outer, Restrictions? requested)
    {
        if (requested is null)
        {
            return Copy(outer);
        }

        var serviceTypes = NarrowList(outer.CloudServiceTypes, requested.CloudServiceTypes);
        if (serviceTypes.Outside.Count > 0)
        {
            throw Wider(CouponsErrors.CloudServiceTypeOutsideQuota, "cloud_service_types", serviceTypes.Outside);
        }

        var products = NarrowList(outer.ProductIds, requested.ProductIds);
        if (products.Outside.Count > 0)
        {
            throw Wider(CouponsErrors.ProductOutsideQuota, "product_ids", products.Outside);
        }

        var billingModes = NarrowList(outer.BillingModes, requested.BillingModes);
        if (billingModes.Outside.Count > 0)
        {
            throw Wider(CouponsErrors.RestrictionOutsideQuota, "billing_modes", billingModes.Outside);
        }

        var regions = NarrowList(outer.Regions, requested.Regions);
        if (regions.Outside.Count > 0)
        {
            throw Wider(CouponsErrors.RestrictionOutsideQuota, "regions", regions.Outside);
        }

        var minOrder = requested.MinOrderAmount ?? outer.MinOrderAmount;
        if (outer.MinOrderAmount is { } outerMin && minOrder < outerMin)
        {
            throw OutsideQuota("min_order_amount", $"min_order_amount may not be lower than the quota's {outerMin}.");
        }

        var maxShare = requested.MaxOrderShare ?? outer.MaxOrderShare;
        if (outer.MaxOrderShare is { } outerShare && maxShare > outerShare)
        {
            throw OutsideQuota("max_order_share", $"max_order_share may not be higher than the quota's {outerShare}.");
        }

        return new Restrictions(serviceTypes.Result, products.Result, billingModes.Result, regions.Result, minOrder, maxShare);
    }

    public static Restrictions Copy(IRestricted source) => new(
        source.CloudServiceTypes, source.ProductIds, source.BillingModes, source.Regions, source.MinOrderAmount, source.MaxOrderShare);

    private static (string[] Result, List<string> Outside) NarrowList(string[] outer, string[] requested)
    {
        if (requested.Length == 0)
        {
            return (outer, []);
        }

        var outside = outer.Length == 0 ? [] : requested.Where(r => !outer.Contains(r, StringComparer.Ordinal)).ToList();
        return (requested, outside);
    }

    private static ApiException Wider(ErrorCode error, string field, List<string> outside)
    {
        var message = $"{field} may only narrow the quota's; not allowed: {string.Join(", ", outside)}.";
        return new ApiException(error, message, new Dictionary<string, string[]> { [field] = [message] });
    }

    private static ApiException OutsideQuota(string field, string message) =>
        new(CouponsErrors.RestrictionOutsideQuota, message, new Dictionary<string, string[]> { [field] = [message] });
}

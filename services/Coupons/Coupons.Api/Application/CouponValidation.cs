using Coupons.Api.Domain;
using PartnerPlatform.ServiceDefaults;

namespace Coupons.Api.Application;

/// <summary>The coupon rules of a request's fields, checked with the platform's <see cref="FieldValidation"/>.</summary>
internal static class CouponValidation
{
    /// <summary>A positive amount with at most 2 decimals, returned with exactly 2.</summary>
    public static decimal Amount(this FieldValidation validation, decimal? value, string field)
    {
        if (value is null)
        {
            validation.Add(field, $"{field} is required.");
            return 0m;
        }

        return validation.OptionalAmount(value, field) ?? 0m;
    }

    public static decimal? OptionalAmount(this FieldValidation validation, decimal? value, string field)
    {
        if (value is not { } amount)
        {
            return null;
        }

        if (!Money.IsValidAmount(amount))
        {
            validation.Add(field, $"{field} must be greater than 0 with at most 2 decimals (at most {Money.MaxAmount}).");
            return null;
        }

        return Money.Normalize(amount);
    }

    public static string Currency(this FieldValidation validation, string? value, string field)
    {
        var currency = value?.Trim();
        if (!Money.IsCurrency(currency))
        {
            validation.Add(field, $"{field} must be an ISO 4217 code of 3 capital letters.");
        }

        return currency ?? "";
    }

    /// <summary>A list of short identifiers: trimmed, no blanks, no duplicates, at most <paramref name="maxCount"/>.</summary>
    public static string[] IdList(this FieldValidation validation, string[]? values, string field, int maxCount, int maxLength)
    {
        if (values is null)
        {
            return [];
        }

        if (values.Length > maxCount)
        {
            validation.Add(field, $"{field} may hold at most {maxCount} entries.");
            return [];
        }

        var result = new List<string>(values.Length);
        for (var i = 0; i < values.Length; i++)
        {
            var value = values[i]?.Trim();
            if (string.IsNullOrEmpty(value) || value.Length > maxLength)
            {
                validation.Add($"{field}[{i}]", $"Each entry of {field} must be 1 to {maxLength} characters.");
            }
            else if (result.Contains(value, StringComparer.Ordinal))
            {
                validation.Add($"{field}[{i}]", $"{field} lists '{value}' twice.");
            }
            else
            {
                result.Add(value);
            }
        }

        return [.. result];
    }

    /// <summary>Pickup-voucher share of an order total: 0.01 to 1.00.</summary>
    public static decimal? Share(this FieldValidation validation, decimal? value, string field)
    {
        if (value is { } share && (share <= 0m || share > 1m || !Money.HasAtMostTwoDecimals(share)))
        {
            validation.Add(field, $"{field} must be between 0.01 and 1 with at most 2 decimals.");
            return null;
        }

        return value;
    }

    /// <summary>
    /// The restrictions of a request (null when it sets none). Service types outside the catalogue
    /// are CBC.50000055; billing modes outside the known set are CBC.0100.
    /// </summary>
    public static Restrictions? Restrictions(this FieldValidation validation, RestrictionFields fields, IReadOnlyList<string> knownServiceTypes)
    {
        var serviceTypes = validation.IdList(fields.CloudServiceTypes, "cloud_service_types", Domain.Restrictions.MaxListLength, 64);
        var products = validation.IdList(fields.ProductIds, "product_ids", Domain.Restrictions.MaxListLength, 64);
        var billingModes = validation.IdList(fields.BillingModes, "billing_modes", Domain.Restrictions.KnownBillingModes.Count, 32);
        var regions = validation.IdList(fields.Regions, "regions", 32, 32);
        var minOrder = validation.OptionalAmount(fields.MinOrderAmount, "min_order_amount");
        var share = validation.Share(fields.MaxOrderShare, "max_order_share");
        foreach (var mode in billingModes.Where(m => !Domain.Restrictions.KnownBillingModes.Contains(m)))
        {
            validation.Add("billing_modes", $"Unknown billing mode '{mode}': use {string.Join(", ", Domain.Restrictions.KnownBillingModes)}.");
        }

        var unknown = serviceTypes.Where(t => !knownServiceTypes.Contains(t, StringComparer.Ordinal)).ToList();
        if (unknown.Count > 0 && !validation.HasErrors)
        {
            var message = $"Unknown cloud service type: {string.Join(", ", unknown)}.";
            throw new ApiException(CouponsErrors.CloudServiceTypeOutsideQuota, message, new Dictionary<string, string[]> { ["cloud_service_types"] = [message] });
        }

        var none = fields.CloudServiceTypes is null && fields.ProductIds is null && fields.BillingModes is null
                   && fields.Regions is null && fields.MinOrderAmount is null && fields.MaxOrderShare is null;
        return none ? null : new Restrictions(serviceTypes, products, billingModes, regions, minOrder, share);
    }

    /// <summary>The list size is out of range: 400 CBC.0101 at once.</summary>
    public static void RequireCount<T>(IReadOnlyCollection<T>? values, string field, int max)
    {
        if (values is null || values.Count == 0)
        {
            throw FieldValidation.Invalid(field, $"{field} must list at least one entry.");
        }

        if (values.Count > max)
        {
            var message = $"{field} may list at most {max} entries per call.";
            throw new ApiException(ErrorCodes.ParameterOutOfRange, message, new Dictionary<string, string[]> { [field] = [message] });
        }
    }
}

/// <summary>The restriction fields shared by quota grants and issue requests.</summary>
public abstract record RestrictionFields
{
    public string[]? CloudServiceTypes { get; init; }

    public string[]? ProductIds { get; init; }

    public string[]? BillingModes { get; init; }

    public string[]? Regions { get; init; }

    public decimal? MinOrderAmount { get; init; }

    /// <summary>Pickup vouchers only: the largest share (0.01–1) of an order total the coupon may pay.</summary>
    public decimal? MaxOrderShare { get; init; }
}

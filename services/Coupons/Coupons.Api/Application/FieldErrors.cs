using Coupons.Api.Domain;
using PartnerPlatform.ServiceDefaults;

namespace Coupons.Api.Application;

/// <summary>Collects field errors of one request and answers them together as 400 CBC.0100.</summary>
internal sealed class FieldErrors
{
    private readonly Dictionary<string, string[]> _errors = new(StringComparer.Ordinal);

    public bool Any => _errors.Count > 0;

    public void Add(string field, string message) => _errors.TryAdd(field, [message]);

    public void ThrowIfAny()
    {
        if (_errors.Count > 0)
        {
            throw new ApiException(ErrorCodes.InvalidParameter, _errors.First().Value[0], _errors);
        }
    }

    /// <summary>Trimmed text; null for missing, null or empty; over-long text is an error, never truncated.</summary>
    public string? OptionalText(string? value, string field, int maxLength)
    {
        var trimmed = value?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            return null;
        }

        if (trimmed.Length > maxLength)
        {
            Add(field, $"{field} must be at most {maxLength} characters.");
        }

        return trimmed;
    }

    public string RequiredText(string? value, string field, int maxLength)
    {
        var text = OptionalText(value, field, maxLength);
        if (text is null)
        {
            Add(field, $"{field} is required.");
        }

        return text ?? "";
    }

    public T Required<T>(T? value, string field)
        where T : struct
    {
        if (value is null)
        {
            Add(field, $"{field} is required.");
        }

        return value ?? default;
    }

    /// <summary>A positive amount with at most 2 decimals, returned with exactly 2.</summary>
    public decimal Amount(decimal? value, string field)
    {
        if (value is null)
        {
            Add(field, $"{field} is required.");
            return 0m;
        }

        return OptionalAmount(value, field) ?? 0m;
    }

    public decimal? OptionalAmount(decimal? value, string field)
    {
        if (value is not { } amount)
        {
            return null;
        }

        if (!Money.IsValidAmount(amount))
        {
            Add(field, $"{field} must be greater than 0 with at most 2 decimals (at most {Money.MaxAmount}).");
            return null;
        }

        return Money.Normalize(amount);
    }

    public string Currency(string? value, string field)
    {
        var currency = value?.Trim();
        if (!Money.IsCurrency(currency))
        {
            Add(field, $"{field} must be an ISO 4217 code of 3 capital letters.");
        }

        return currency ?? "";
    }

    /// <summary>A list of short identifiers: trimmed, no blanks, no duplicates, at most <paramref name="maxCount"/>.</summary>
    public string[] IdList(string[]? values, string field, int maxCount, int maxLength)
    {
        if (values is null)
        {
            return [];
        }

        if (values.Length > maxCount)
        {
            Add(field, $"{field} may hold at most {maxCount} entries.");
            return [];
        }

        var result = new List<string>(values.Length);
        for (var i = 0; i < values.Length; i++)
        {
            var value = values[i]?.Trim();
            if (string.IsNullOrEmpty(value) || value.Length > maxLength)
            {
                Add($"{field}[{i}]", $"Each entry of {field} must be 1 to {maxLength} characters.");
            }
            else if (result.Contains(value, StringComparer.Ordinal))
            {
                Add($"{field}[{i}]", $"{field} lists '{value}' twice.");
            }
            else
            {
                result.Add(value);
            }
        }

        return [.. result];
    }

    /// <summary>Pickup-voucher share of an order total: 0.01 to 1.00.</summary>
    public decimal? Share(decimal? value, string field)
    {
        if (value is { } share && (share <= 0m || share > 1m || !Money.HasAtMostTwoDecimals(share)))
        {
            Add(field, $"{field} must be between 0.01 and 1 with at most 2 decimals.");
            return null;
        }

        return value;
    }

    /// <summary>
    /// The restrictions of a request (null when it sets none). Service types outside the catalogue
    /// are CBC.50000055; billing modes outside the known set are CBC.0100.
    /// </summary>
    public Restrictions? Restrictions(RestrictionFields fields, IReadOnlyList<string> knownServiceTypes)
    {
        var serviceTypes = IdList(fields.CloudServiceTypes, "cloud_service_types", Domain.Restrictions.MaxListLength, 64);
        var products = IdList(fields.ProductIds, "product_ids", Domain.Restrictions.MaxListLength, 64);
        var billingModes = IdList(fields.BillingModes, "billing_modes", Domain.Restrictions.KnownBillingModes.Count, 32);
        var regions = IdList(fields.Regions, "regions", 32, 32);
        var minOrder = OptionalAmount(fields.MinOrderAmount, "min_order_amount");
        var share = Share(fields.MaxOrderShare, "max_order_share");
        foreach (var mode in billingModes.Where(m => !Domain.Restrictions.KnownBillingModes.Contains(m)))
        {
            Add("billing_modes", $"Unknown billing mode '{mode}': use {string.Join(", ", Domain.Restrictions.KnownBillingModes)}.");
        }

        var unknown = serviceTypes.Where(t => !knownServiceTypes.Contains(t, StringComparer.Ordinal)).ToList();
        if (unknown.Count > 0 && !Any)
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
            throw ApiException.InvalidField(field, $"{field} must list at least one entry.");
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

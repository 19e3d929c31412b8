using PartnerPlatform.ServiceDefaults;

namespace Resellers.Api.Application;

/// <summary>Collects field errors and throws one 400 CBC.0100 naming every bad field.</summary>
internal sealed class Validation
{
    private readonly Dictionary<string, string[]> _errors = new(StringComparer.Ordinal);

    public Validation Add(string field, string message)
    {
        _errors[field] = _errors.TryGetValue(field, out var existing) ? [.. existing, message] : [message];
        return this;
    }

    /// <summary>Trims; null stays null; longer than <paramref name="maxLength"/> or empty when required is an error.</summary>
    public string? Text(string field, string? value, int maxLength, bool required = false)
    {
        var trimmed = value?.Trim();
        if (trimmed is null || trimmed.Length == 0)
        {
            if (required)
            {
                Add(field, $"{field} is required.");
            }

            return trimmed;
        }

        if (trimmed.Length > maxLength)
        {
            Add(field, $"{field} must be at most {maxLength} characters.");
        }

        return trimmed;
    }

    public Guid Id(string field, Guid value)
    {
        if (value == Guid.Empty)
        {
            Add(field, $"{field} must be a non-empty id.");
        }

        return value;
    }

    /// <summary>400 CBC.0100 when <paramref name="value"/> is the empty id.</summary>
    public static void RequireId(string field, Guid value)
    {
        var validation = new Validation();
        validation.Id(field, value);
        validation.ThrowIfAny();
    }

    /// <summary>Money: positive, at most 2 decimal places.</summary>
    public decimal Money(string field, decimal value)
    {
        if (value < 0 || decimal.Round(value, 2) != value || value >= 10_000_000_000_000_000m)
        {
            Add(field, $"{field} must be a non-negative amount with at most 2 decimal places.");
        }

        return value;
    }

    public void ThrowIfAny()
    {
        if (_errors.Count > 0)
        {
            throw ApiException.Validation(_errors);
        }
    }
}

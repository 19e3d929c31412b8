using PartnerPlatform.ServiceDefaults;

namespace Opportunities.Api.Application;

/// <summary>Collects field errors of one request and answers them together as 400 with the given code (CBC.0100 by default).</summary>
public sealed class FieldErrors
{
    private readonly Dictionary<string, string[]> _errors = new(StringComparer.Ordinal);

    public bool Any => _errors.Count > 0;

    public void Add(string field, string message) => _errors.TryAdd(field, [message]);

    public void ThrowIfAny(ErrorCode? code = null)
    {
        if (_errors.Count > 0)
        {
            throw new ApiException(code ?? ErrorCodes.InvalidParameter, _errors.First().Value[0], _errors);
        }
    }

    /// <summary>Trimmed text; null for missing, null or empty; over-long text is an error, never truncated.</summary>
    public string? Text(string? value, string field, int maxLength)
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
        var text = Text(value, field, maxLength);
        if (text is null)
        {
            Add(field, $"{field} is required.");
        }

        return text ?? "";
    }

    public string Currency(string? value, string field)
    {
        var text = RequiredText(value, field, 3).ToUpperInvariant();
        if (text.Length > 0 && (text.Length != 3 || !text.All(char.IsAsciiLetterUpper)))
        {
            Add(field, $"{field} must be an ISO 4217 code such as CNY.");
        }

        return text;
    }

    public decimal Amount(decimal? value, string field, bool allowZero = false)
    {
        if (value is null)
        {
            Add(field, $"{field} is required.");
            return 0;
        }

        if (value < 0 || (!allowZero && value == 0) || value.Value.Scale > 2 && decimal.Round(value.Value, 2) != value.Value)
        {
            Add(field, $"{field} must be {(allowZero ? "zero or more" : "more than zero")} with at most 2 decimals.");
        }

        return value.Value;
    }
}

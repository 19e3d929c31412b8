using PartnerPlatform.ServiceDefaults;

namespace Opportunities.Api.Application;

/// <summary>The opportunity rules of a request's fields, checked with the platform's <see cref="FieldValidation"/>.</summary>
internal static class OpportunityValidation
{
    public static string Currency(this FieldValidation validation, string? value, string field)
    {
        var text = validation.RequiredText(value, field, 3).ToUpperInvariant();
        if (text.Length > 0 && (text.Length != 3 || !text.All(char.IsAsciiLetterUpper)))
        {
            validation.Add(field, $"{field} must be an ISO 4217 code such as CNY.");
        }

        return text;
    }

    public static decimal Amount(this FieldValidation validation, decimal? value, string field, bool allowZero = false)
    {
        if (value is null)
        {
            validation.Add(field, $"{field} is required.");
            return 0;
        }

        if (value < 0 || (!allowZero && value == 0) || value.Value.Scale > 2 && decimal.Round(value.Value, 2) != value.Value)
        {
            validation.Add(field, $"{field} must be {(allowZero ? "zero or more" : "more than zero")} with at most 2 decimals.");
        }

        return value.Value;
    }
}

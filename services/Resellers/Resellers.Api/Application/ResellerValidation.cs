using PartnerPlatform.ServiceDefaults;

namespace Resellers.Api.Application;

/// <summary>The resellers rules of a request's fields, checked with the platform's <see cref="FieldValidation"/>.</summary>
internal static class ResellerValidation
{
    public static Guid Id(this FieldValidation validation, string field, Guid value)
    {
        validation.Check(value != Guid.Empty, field, $"{field} must be a non-empty id.");
        return value;
    }

    /// <summary>400 CBC.0100 when <paramref name="value"/> is the empty id.</summary>
    public static void RequireId(string field, Guid value)
    {
        if (value == Guid.Empty)
        {
            throw FieldValidation.Invalid(field, $"{field} must be a non-empty id.");
        }
    }

    /// <summary>Money: not negative, at most 2 decimal places.</summary>
    public static decimal Money(this FieldValidation validation, string field, decimal value)
    {
        validation.Check(
            value >= 0 && decimal.Round(value, 2) == value && value < 10_000_000_000_000_000m,
            field,
            $"{field} must be a non-negative amount with at most 2 decimal places.");
        return value;
    }
}

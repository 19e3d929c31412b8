using Identity.Api.Data;
using PartnerPlatform.ServiceDefaults;

namespace Identity.Api.Infrastructure;

/// <summary>Enum values from query strings, spelled as the JSON spells them (<c>low_balance</c>).</summary>
internal static class SnakeCaseEnums
{
    /// <summary>Null when absent; 400 CBC.0100 naming the field when not a value of <typeparamref name="TEnum"/>.</summary>
    public static TEnum? ParseOptional<TEnum>(string? value, string field)
        where TEnum : struct, Enum
    {
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        foreach (var candidate in Enum.GetValues<TEnum>())
        {
            if (SnakeCaseNames.ToSnakeCase(candidate.ToString()) == value)
            {
                return candidate;
            }
        }

        throw ApiException.InvalidField(field, $"{field} is one of: {string.Join(", ", Enum.GetValues<TEnum>().Select(v => SnakeCaseNames.ToSnakeCase(v.ToString())))}.");
    }
}

using System.Text.Json;
using PartnerPlatform.ServiceDefaults;

namespace Coupons.Api.Application;

/// <summary>Enum values as the API writes them (snake_case), for query strings.</summary>
internal static class SnakeCaseValues
{
    public static IReadOnlyList<string> Of<TEnum>()
        where TEnum : struct, Enum =>
        [.. Enum.GetValues<TEnum>().Select(v => JsonNamingPolicy.SnakeCaseLower.ConvertName(v.ToString()))];

    /// <summary>null when absent; 400 CBC.0100 naming <paramref name="field"/> when not one of the values.</summary>
    public static TEnum? ParseOptional<TEnum>(string? value, string field)
        where TEnum : struct, Enum
    {
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        foreach (var candidate in Enum.GetValues<TEnum>())
        {
            if (JsonNamingPolicy.SnakeCaseLower.ConvertName(candidate.ToString()) == value)
            {
                return candidate;
            }
        }

        throw ApiException.InvalidField(field, $"{field} must be one of {string.Join(", ", Of<TEnum>())}.");
    }
}

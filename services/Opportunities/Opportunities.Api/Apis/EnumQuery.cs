using System.Text.Json;
using PartnerPlatform.ServiceDefaults;

namespace Opportunities.Api.Apis;

/// <summary>Enum filters in query strings, written as in JSON (snake_case); anything else is 400 CBC.0100 naming the field.</summary>
internal static class EnumQuery
{
    public static TEnum? Parse<TEnum>(string? value, string field)
        where TEnum : struct, Enum
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        foreach (var candidate in Enum.GetValues<TEnum>())
        {
            if (JsonNamingPolicy.SnakeCaseLower.ConvertName(candidate.ToString()) == value.Trim())
            {
                return candidate;
            }
        }

        throw ApiException.InvalidField(field, $"{field} '{value}' is not a known value.");
    }
}

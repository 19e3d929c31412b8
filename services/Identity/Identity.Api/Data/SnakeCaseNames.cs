using System.Text.Json;

namespace Identity.Api.Data;

/// <summary>snake_case as the API and the events spell names and enum values.</summary>
internal static class SnakeCaseNames
{
    public static string ToSnakeCase(string name) => JsonNamingPolicy.SnakeCaseLower.ConvertName(name);

    /// <summary>An enum value as the API and the events spell it (<c>OrderOnBehalf</c> → <c>order_on_behalf</c>).</summary>
    public static string Of<TEnum>(TEnum value)
        where TEnum : struct, Enum => ToSnakeCase(value.ToString());
}

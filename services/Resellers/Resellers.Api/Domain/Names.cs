using System.Text.Json;

namespace Resellers.Api.Domain;

/// <summary>The spellings the API and the database use for enum values and identifiers.</summary>
public static class Names
{
    public static string Snake(string name) => JsonNamingPolicy.SnakeCaseLower.ConvertName(name);

    public static string Kebab(string name) => JsonNamingPolicy.KebabCaseLower.ConvertName(name);

    public static string Snake<TEnum>(TEnum value)
        where TEnum : struct, Enum => Snake(value.ToString());
}

using Incentives.Api.Domain;
using PartnerPlatform.ServiceDefaults;

namespace Incentives.Api.Apis;

internal static class Parse
{
    public static DateOnly Month(string text, string field) =>
        Periods.TryParseMonth(text, out var month) ? month : throw ApiException.InvalidField(field, "A month is written yyyy-MM.");

    public static DateOnly Quarter(string text, string field) =>
        Periods.TryParseQuarter(text, out var quarter) ? quarter : throw ApiException.InvalidField(field, "A quarter is written yyyy-Qn (n = 1..4).");

    public static string Required(string? text, string field, int maxLength = 256) =>
        string.IsNullOrWhiteSpace(text) ? throw ApiException.InvalidField(field, "Required.")
        : text.Length > maxLength ? throw ApiException.InvalidField(field, $"At most {maxLength} characters.")
        : text.Trim();

    /// <summary>An enum from its snake_case name in a query string (null when absent).</summary>
    public static TEnum? Enum<TEnum>(string? text, string field)
        where TEnum : struct, Enum =>
        text is null ? null
        : System.Enum.GetValues<TEnum>().FirstOrDefault(v => Wire.Name(v) == text) is var value && Wire.Name(value) == text ? value
        : throw ApiException.InvalidField(field, $"Unknown value '{text}'.");

    public static string Currency(string text, string field) =>
        text.Length == 3 && text.All(char.IsAsciiLetterUpper) ? text : throw ApiException.InvalidField(field, "An ISO 4217 code in capitals, e.g. CNY.");
}

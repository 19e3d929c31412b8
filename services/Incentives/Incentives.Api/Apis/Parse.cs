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

    public static string Currency(string text, string field) =>
        text.Length == 3 && text.All(char.IsAsciiLetterUpper) ? text : throw ApiException.InvalidField(field, "An ISO 4217 code in capitals, e.g. CNY.");
}

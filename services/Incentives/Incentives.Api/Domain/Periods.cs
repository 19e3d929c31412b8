using System.Globalization;
using System.Text.RegularExpressions;

namespace Incentives.Api.Domain;

/// <summary>Months (<c>yyyy-MM</c>) and quarters (<c>yyyy-Qn</c>) as the API and the events write them; a month is kept as its first day.</summary>
public static partial class Periods
{
    /// <summary>How a month is written, for field errors.</summary>
    public const string MonthFormat = "a month written yyyy-MM";

    /// <summary>How a quarter is written, for field errors.</summary>
    public const string QuarterFormat = "a quarter written yyyy-Qn (n = 1..4)";

    public static DateOnly MonthStart(DateOnly date) => new(date.Year, date.Month, 1);

    public static string MonthText(DateOnly monthStart) => monthStart.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    public static bool TryParseMonth(string text, out DateOnly monthStart) =>
        DateOnly.TryParseExact(text + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out monthStart);

    public static DateOnly QuarterStart(DateOnly date) => new(date.Year, ((date.Month - 1) / 3 * 3) + 1, 1);

    public static string QuarterText(DateOnly quarterStart) => $"{quarterStart.Year}-Q{((quarterStart.Month - 1) / 3) + 1}";

    public static bool TryParseQuarter(string text, out DateOnly quarterStart)
    {
        quarterStart = default;
        var match = QuarterPattern().Match(text);
        if (!match.Success)
        {
            return false;
        }

        quarterStart = new DateOnly(int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture), ((match.Groups[2].Value[0] - '1') * 3) + 1, 1);
        return true;
    }

    [GeneratedRegex(@"^(\d{4})-Q([1-4])$")]
    private static partial Regex QuarterPattern();
}

using System.Globalization;

namespace PartnerPlatform.WorkingDays.Tests;

/// <summary>Instants written as Shanghai wall-clock times (UTC+8, no daylight saving).</summary>
internal static class Shanghai
{
    private static readonly TimeSpan Offset = TimeSpan.FromHours(8);

    public static DateOnly Day(string date) => DateOnly.ParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static DateTimeOffset At(int year, int month, int day, int hour = 10, int minute = 0) =>
        new(year, month, day, hour, minute, 0, Offset);

    /// <summary>23:59:59 Shanghai time of the given date, as the UTC instant the calendar returns.</summary>
    public static DateTimeOffset EndOf(int year, int month, int day) =>
        new DateTimeOffset(year, month, day, 23, 59, 59, Offset).ToUniversalTime();

    public static DateTimeOffset EndOf(string date) => EndOf(Day(date));

    public static DateTimeOffset EndOf(DateOnly date) => EndOf(date.Year, date.Month, date.Day);
}

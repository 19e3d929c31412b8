namespace PartnerPlatform.WorkingDays.Tests;

/// <summary>The shipped data files: they load, say where they come from, and match their source.</summary>
public sealed class CalendarDataTests
{
    private const int StatutoryHolidaysPerYear = 13; // national holiday regulations as amended in 2024

    private static readonly WorkingDayCalendar Calendar = WorkingDayCalendar.Load();

    [Fact]
    public void Every_shipped_data_file_parses_and_names_its_source_version_and_status()
    {
        var resources = typeof(WorkingDayCalendar).Assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith("PartnerPlatform.WorkingDays.Calendars.", StringComparison.Ordinal))
            .ToList();

        Assert.Equal(resources.Count, Calendar.Years.Count);
        Assert.All(Calendar.Years, year =>
        {
            Assert.False(string.IsNullOrWhiteSpace(year.Source));
            Assert.False(string.IsNullOrWhiteSpace(year.Version));
            Assert.True(year.IsProvisional || year.Status == "official", year.Status);
        });
        Assert.Equal(
            ["cn-2026", "cn-2027"],
            Calendar.Years.Select(y => $"{y.Region}-{y.Year}").Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_2026_calendar_is_the_State_Council_notice_and_2027_says_it_is_provisional()
    {
        var cn2026 = Calendar.Years.Single(y => y is { Region: "cn", Year: 2026 });
        var cn2027 = Calendar.Years.Single(y => y is { Region: "cn", Year: 2027 });

        Assert.False(cn2026.IsProvisional);
        Assert.Contains("国务院办公厅关于2026年部分节假日安排的通知", cn2026.Source, StringComparison.Ordinal);
        Assert.True(cn2027.IsProvisional);
        Assert.Contains("replace when the State Council notice for 2027 is published", cn2027.Status, StringComparison.Ordinal);
    }

    [Fact]
    public void The_cn_calendar_runs_on_Shanghai_time_found_by_its_IANA_id()
    {
        Assert.All(Calendar.Years.Where(y => y.Region == "cn"), year =>
        {
            Assert.Equal("Asia/Shanghai", year.TimeZone.Id);
            Assert.Equal(TimeSpan.FromHours(8), year.TimeZone.GetUtcOffset(new DateTime(year.Year, 7, 1, 12, 0, 0, DateTimeKind.Unspecified)));
        });
    }

    [Theory]
    // Off weekdays, straight from the notice.
    [InlineData("2026-01-01", false)]
    [InlineData("2026-01-02", false)]
    [InlineData("2026-02-16", false)]
    [InlineData("2026-02-20", false)]
    [InlineData("2026-02-23", false)]
    [InlineData("2026-04-06", false)]
    [InlineData("2026-05-01", false)]
    [InlineData("2026-05-04", false)]
    [InlineData("2026-05-05", false)]
    [InlineData("2026-06-19", false)]
    [InlineData("2026-09-25", false)]
    [InlineData("2026-10-01", false)]
    [InlineData("2026-10-07", false)]
    // Make-up working days, all weekend days.
    [InlineData("2026-01-04", true)]
    [InlineData("2026-02-14", true)]
    [InlineData("2026-02-28", true)]
    [InlineData("2026-05-09", true)]
    [InlineData("2026-09-20", true)]
    [InlineData("2026-10-10", true)]
    // Ordinary days around them.
    [InlineData("2026-01-05", true)]
    [InlineData("2026-02-24", true)]
    [InlineData("2026-02-21", false)]
    [InlineData("2026-03-07", false)]
    [InlineData("2026-10-08", true)]
    [InlineData("2026-10-11", false)]
    public void The_2026_days_follow_the_State_Council_notice(string date, bool working) =>
        Assert.Equal(working, Calendar.IsWorkingDay(Shanghai.Day(date)));

    [Theory]
    [InlineData(2026)]
    [InlineData(2027)]
    public void A_cn_year_has_its_weekdays_minus_the_statutory_holidays_as_working_days(int year)
    {
        // Holidays on weekends are given back and swapped weekdays are made up, so the total is fixed.
        var first = new DateOnly(year, 1, 1);
        var weekdays = Enumerable.Range(0, DateTime.IsLeapYear(year) ? 366 : 365)
            .Select(first.AddDays)
            .Count(d => d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday));

        Assert.Equal(weekdays - StatutoryHolidaysPerYear, Calendar.CountWorkingDays(first.AddDays(-1), new DateOnly(year, 12, 31)));
    }

    [Fact]
    public void Every_make_up_working_day_is_a_weekend_day_and_no_day_is_both_off_and_working()
    {
        Assert.All(Calendar.Years, year =>
        {
            Assert.All(year.MakeUpWorkingDays, d => Assert.Contains(d.DayOfWeek, year.Weekend));
            Assert.Empty(year.MakeUpWorkingDays.Intersect(year.Holidays));
        });
    }
}

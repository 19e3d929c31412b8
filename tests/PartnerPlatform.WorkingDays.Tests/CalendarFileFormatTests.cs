namespace PartnerPlatform.WorkingDays.Tests;

/// <summary>The data file format: what a valid file says, and every way a broken one is refused.</summary>
public sealed class CalendarFileFormatTests
{
    // A region with a Friday-Saturday weekend in another time zone, to show that nothing is cn-specific.
    private const string ValidFile = """
        # A test region.
        source: test data
        version: 1
        status: official
        region: xx
        year: 2030
        time-zone: Asia/Dubai
        weekend: Friday Saturday

        off  2030-03-04..2030-03-06  Three days off (Monday to Wednesday)
        work 2030-03-09              Make-up working day (Saturday)
        """;

    [Fact]
    public void A_valid_file_gives_its_header_holidays_and_make_up_days()
    {
        var year = CalendarYear.Parse("xx-2030.txt", ValidFile);

        Assert.Equal(("xx", 2030, "test data", "1", false), (year.Region, year.Year, year.Source, year.Version, year.IsProvisional));
        Assert.Equal("Asia/Dubai", year.TimeZone.Id);
        Assert.Equal([DayOfWeek.Friday, DayOfWeek.Saturday], year.Weekend.Order());
        Assert.Equal([new DateOnly(2030, 3, 4), new DateOnly(2030, 3, 5), new DateOnly(2030, 3, 6)], year.Holidays.Order());
        Assert.Equal([new DateOnly(2030, 3, 9)], year.MakeUpWorkingDays);
    }

    [Fact]
    public void A_region_of_its_own_counts_with_its_own_weekend_holidays_and_time_zone()
    {
        var calendar = new WorkingDayCalendar([CalendarYear.Parse("xx-2030.txt", ValidFile)]);
        var dubai = TimeSpan.FromHours(4);

        // Thursday 28 February: Friday and Saturday are the weekend, Sunday is the first working day.
        Assert.Equal(new DateTimeOffset(2030, 3, 3, 23, 59, 59, dubai), calendar.AddWorkingDays(new DateTimeOffset(2030, 2, 28, 9, 0, 0, dubai), 1, "xx"));
        // Sunday 3 March: three days off, then Thursday, then the make-up Saturday.
        Assert.Equal(new DateTimeOffset(2030, 3, 9, 23, 59, 59, dubai), calendar.AddWorkingDays(new DateTimeOffset(2030, 3, 3, 9, 0, 0, dubai), 2, "xx"));
        Assert.Throws<UnknownRegionException>(() => calendar.IsWorkingDay(new DateOnly(2030, 3, 3)));
    }

    [Theory]
    [InlineData("source: test data\n", "", "the header lacks source")]
    [InlineData("version: 1\n", "", "the header lacks version")]
    [InlineData("status: official\n", "status: draft\n", "status must start with")]
    [InlineData("status: official\n", "", "the header lacks status")]
    [InlineData("year: 2030\n", "year: 30\n", "year must be a four-digit year")]
    [InlineData("region: xx\n", "region: XX\n", "region must be lower-case")]
    [InlineData("region: xx\n", "region: yy\n", "must be named yy-2030.txt")]
    [InlineData("source: test data\n", "sorce: test data\n", "line 2: expected a header line")]
    [InlineData("version: 1\n", "version: 1\nversion: 2\n", "'version' appears twice")]
    [InlineData("time-zone: Asia/Dubai\n", "time-zone: Mars/Olympus_Mons\n", "time zone 'Mars/Olympus_Mons' is not known")]
    [InlineData("weekend: Friday Saturday\n", "weekend: Fri Sat\n", "weekend must list distinct day names")]
    [InlineData("work 2030-03-09", "work 2030-03-11", "2030-03-11 is a Monday: a make-up working day must be a weekend day")]
    [InlineData("work 2030-03-09", "work 2030-03-08..2030-03-09", "a make-up working day is a single date")]
    [InlineData("off  2030-03-04..2030-03-06", "off  2030-03-04..2030-03-09", "line 11: 2030-03-09 is listed both as off and as a working day")]
    [InlineData("off  2030-03-04..2030-03-06", "off  2030-03-04..2030-03-06  Again\noff  2030-03-06", "line 11: 2030-03-06 is listed twice")]
    [InlineData("off  2030-03-04..2030-03-06", "off  2030-03-06..2030-03-04", "is not a range of dates in order")]
    [InlineData("off  2030-03-04..2030-03-06", "off  2030-02-30", "'2030-02-30' is not a date")]
    [InlineData("off  2030-03-04..2030-03-06", "off  2031-03-04", "every date must lie in 2030")]
    [InlineData("off  2030-03-04..2030-03-06  Three days off (Monday to Wednesday)", "off  2030-03-04", "line 10: expected 'off <date>[..<date>] <label>'")]
    public void A_broken_file_is_refused_with_the_file_line_and_problem(string replace, string with, string problem)
    {
        Assert.Contains(replace, ValidFile, StringComparison.Ordinal);

        var error = Assert.Throws<CalendarFileException>(() => CalendarYear.Parse("xx-2030.txt", ValidFile.Replace(replace, with, StringComparison.Ordinal)));

        Assert.StartsWith("xx-2030.txt", error.Message, StringComparison.Ordinal);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_files_of_the_same_region_and_year_cannot_be_loaded_together()
    {
        var year = CalendarYear.Parse("xx-2030.txt", ValidFile);

        Assert.Throws<ArgumentException>(() => new WorkingDayCalendar([year, year]));
    }
}

namespace PartnerPlatform.WorkingDays.Tests;

public sealed class DeadlineTests
{
    private static readonly WorkingDayCalendar Calendar = WorkingDayCalendar.Load();

    [Fact]
    public void A_Friday_plus_one_working_day_is_due_at_the_end_of_Monday()
    {
        var due = Calendar.AddWorkingDays(Shanghai.At(2026, 3, 6), 1);

        Assert.Equal(new DateTimeOffset(2026, 3, 9, 15, 59, 59, TimeSpan.Zero), due);
        Assert.Equal(TimeSpan.Zero, due.Offset);
        Assert.Equal(0, due.Ticks % TimeSpan.TicksPerSecond);
    }

    [Theory]
    [InlineData("2026-03-04", 3, "2026-03-09")] // HO acceptance: Wednesday + 3 skips the weekend
    [InlineData("2026-03-06", 5, "2026-03-13")]
    [InlineData("2026-03-07", 1, "2026-03-09")] // a Saturday start counts from Monday
    [InlineData("2026-03-02", 10, "2026-03-16")] // PO validation: two plain weeks
    public void Plain_weeks_skip_weekends(string start, int workingDays, string dueDate) =>
        Assert.Equal(Shanghai.EndOf(dueDate), Calendar.AddWorkingDays(StartOf(start), workingDays));

    [Theory]
    [InlineData("2026-02-13", 1, "2026-02-14")] // the Saturday before the holiday is a make-up working day
    [InlineData("2026-02-13", 2, "2026-02-24")] // then nine days off
    [InlineData("2026-02-15", 1, "2026-02-24")]
    [InlineData("2026-02-23", 1, "2026-02-24")]
    [InlineData("2026-02-27", 1, "2026-02-28")] // make-up Saturday after the holiday
    [InlineData("2026-02-27", 2, "2026-03-02")]
    public void Spring_Festival_2026_skips_the_holiday_and_counts_its_make_up_Saturdays(string start, int workingDays, string dueDate) =>
        Assert.Equal(Shanghai.EndOf(dueDate), Calendar.AddWorkingDays(StartOf(start), workingDays));

    [Theory]
    [InlineData("2026-09-18", 1, "2026-09-20")] // make-up Sunday
    [InlineData("2026-09-24", 1, "2026-09-28")] // Mid-Autumn, Friday to Sunday
    [InlineData("2026-09-30", 1, "2026-10-08")] // National Day, 1 to 7 October
    [InlineData("2026-09-30", 3, "2026-10-10")] // make-up Saturday
    [InlineData("2026-09-30", 4, "2026-10-12")]
    [InlineData("2026-09-29", 10, "2026-10-19")]
    public void National_Day_2026_skips_the_holiday_and_counts_its_make_up_weekend_days(string start, int workingDays, string dueDate) =>
        Assert.Equal(Shanghai.EndOf(dueDate), Calendar.AddWorkingDays(StartOf(start), workingDays));

    [Theory]
    [InlineData("2026-12-31", 1, "2027-01-04")] // New Year's Day 2027 is a Friday, then the weekend
    [InlineData("2026-12-28", 5, "2027-01-05")]
    [InlineData("2026-12-18", 14, "2027-01-08")] // FH verification across the year end
    public void Deadlines_cross_into_the_next_loaded_year(string start, int workingDays, string dueDate) =>
        Assert.Equal(Shanghai.EndOf(dueDate), Calendar.AddWorkingDays(StartOf(start), workingDays));

    [Fact]
    public void A_deadline_running_past_the_last_loaded_year_is_an_error_not_a_guess()
    {
        Assert.Equal(Shanghai.EndOf(2027, 12, 31), Calendar.AddWorkingDays(Shanghai.At(2027, 12, 30), 1));

        var error = Assert.Throws<DateOutsideCalendarException>(() => Calendar.AddWorkingDays(Shanghai.At(2027, 12, 30), 2));

        Assert.Equal("cn", error.Region);
        Assert.Equal(new DateOnly(2028, 1, 1), error.Date);
        Assert.Equal([2026, 2027], error.LoadedYears);
    }

    [Theory]
    [InlineData("2025-12-31")]
    [InlineData("2028-01-03")]
    [InlineData("1999-05-04")]
    public void A_date_outside_the_loaded_years_has_no_answer(string date) =>
        Assert.Throws<DateOutsideCalendarException>(() => Calendar.IsWorkingDay(Shanghai.Day(date)));

    [Fact]
    public void The_instants_local_date_decides_the_start_not_its_UTC_date()
    {
        // Thursday 23:30 in Shanghai: Thursday does not count, Friday is the first working day.
        Assert.Equal(Shanghai.EndOf(2026, 3, 6), Calendar.AddWorkingDays(Shanghai.At(2026, 3, 5, 23, 30), 1));

        // Thursday 17:00 UTC is already Friday 01:00 in Shanghai: Friday does not count.
        Assert.Equal(Shanghai.EndOf(2026, 3, 9), Calendar.AddWorkingDays(new DateTimeOffset(2026, 3, 5, 17, 0, 0, TimeSpan.Zero), 1));

        // The last second of Thursday and the first of Friday, Shanghai time.
        Assert.Equal(Shanghai.EndOf(2026, 3, 6), Calendar.AddWorkingDays(new DateTimeOffset(2026, 3, 5, 15, 59, 59, TimeSpan.Zero), 1));
        Assert.Equal(Shanghai.EndOf(2026, 3, 9), Calendar.AddWorkingDays(new DateTimeOffset(2026, 3, 5, 16, 0, 0, TimeSpan.Zero), 1));
    }

    [Fact]
    public void The_same_instant_written_with_any_offset_gives_the_same_due_instant()
    {
        var instant = Shanghai.At(2026, 5, 8, 9, 15);

        Assert.Equal(Calendar.AddWorkingDays(instant, 2), Calendar.AddWorkingDays(instant.ToOffset(TimeSpan.FromHours(-7)), 2));
        Assert.Equal(Calendar.AddWorkingDays(instant, 2), Calendar.AddWorkingDays(instant.ToUniversalTime(), 2));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(int.MinValue)]
    public void Zero_or_negative_working_days_are_rejected(int workingDays)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Calendar.AddWorkingDays(Shanghai.At(2026, 3, 6), workingDays));
        Assert.Throws<ArgumentOutOfRangeException>(() => Calendar.WorkingDaysBefore(Shanghai.EndOf(2026, 3, 9), workingDays));
    }

    [Theory]
    [InlineData("xx")]
    [InlineData("CN")]
    [InlineData("")]
    public void An_unknown_region_is_an_error(string region)
    {
        var error = Assert.Throws<UnknownRegionException>(() => Calendar.AddWorkingDays(Shanghai.At(2026, 3, 6), 1, region));
        Assert.Equal(region, error.Region);
        Assert.Throws<UnknownRegionException>(() => Calendar.IsWorkingDay(new DateOnly(2026, 3, 6), region));
        Assert.Throws<UnknownRegionException>(() => Calendar.CountWorkingDays(new DateOnly(2026, 3, 6), new DateOnly(2026, 3, 9), region));
    }

    [Fact]
    public void Reminders_two_and_one_working_days_before_a_due_instant_skip_the_holiday_too()
    {
        var due = Calendar.AddWorkingDays(Shanghai.At(2026, 9, 29), 3);
        Assert.Equal(Shanghai.EndOf(2026, 10, 9), due);

        Assert.Equal(Shanghai.EndOf(2026, 10, 8), Calendar.WorkingDaysBefore(due, 1));
        Assert.Equal(Shanghai.EndOf(2026, 9, 30), Calendar.WorkingDaysBefore(due, 2));
    }

    [Fact]
    public void A_reminder_keeps_the_local_time_of_day_of_a_due_instant_that_is_not_end_of_day()
    {
        var due = Shanghai.At(2026, 3, 9, 18, 0); // Monday 18:00

        Assert.Equal(Shanghai.At(2026, 3, 6, 18, 0), Calendar.WorkingDaysBefore(due, 1));
        Assert.Equal(Shanghai.At(2026, 3, 5, 18, 0), Calendar.WorkingDaysBefore(due, 2));
    }

    [Fact]
    public void Counting_excludes_the_first_date_and_includes_the_last()
    {
        Assert.Equal(1, Calendar.CountWorkingDays(new DateOnly(2026, 3, 6), new DateOnly(2026, 3, 9)));
        Assert.Equal(0, Calendar.CountWorkingDays(new DateOnly(2026, 3, 6), new DateOnly(2026, 3, 6)));
        Assert.Equal(0, Calendar.CountWorkingDays(new DateOnly(2026, 9, 30), new DateOnly(2026, 10, 7)));
        Assert.Throws<ArgumentOutOfRangeException>(() => Calendar.CountWorkingDays(new DateOnly(2026, 3, 9), new DateOnly(2026, 3, 6)));
    }

    [Fact]
    public void The_local_date_of_an_instant_is_its_Shanghai_date()
    {
        Assert.Equal(new DateOnly(2026, 3, 6), Calendar.LocalDate(new DateTimeOffset(2026, 3, 5, 16, 0, 0, TimeSpan.Zero)));
        Assert.Equal(new DateOnly(2026, 3, 5), Calendar.LocalDate(new DateTimeOffset(2026, 3, 5, 15, 59, 59, TimeSpan.Zero)));
    }

    /// <summary>10:00 Shanghai time on the date: a plain office-hours start.</summary>
    private static DateTimeOffset StartOf(string date)
    {
        var day = Shanghai.Day(date);
        return Shanghai.At(day.Year, day.Month, day.Day);
    }
}

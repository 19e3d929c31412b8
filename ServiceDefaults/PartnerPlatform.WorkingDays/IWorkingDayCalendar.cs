namespace PartnerPlatform.WorkingDays;

/// <summary>
/// Working days per region: weekends and public holidays are off, make-up working days are on.
/// Any date the answer depends on must lie in a loaded year, or <see cref="DateOutsideCalendarException"/> is thrown;
/// an unknown region throws <see cref="UnknownRegionException"/>.
/// </summary>
public interface IWorkingDayCalendar
{
    bool IsWorkingDay(DateOnly date, string region = WorkingDayCalendar.DefaultRegion);

    /// <summary>
    /// The due instant of a deadline of <paramref name="workingDays"/> (at least 1) working days from <paramref name="instant"/>:
    /// 23:59:59 local time of the N-th working day after the instant's local date (that date itself never counts), in UTC.
    /// </summary>
    DateTimeOffset AddWorkingDays(DateTimeOffset instant, int workingDays, string region = WorkingDayCalendar.DefaultRegion);

    /// <summary>
    /// The same local time of day, <paramref name="workingDays"/> (at least 1) working days before <paramref name="due"/>'s
    /// local date, in UTC. Reminders: T-1 is <c>WorkingDaysBefore(due, 1)</c>, T-2 is <c>WorkingDaysBefore(due, 2)</c>.
    /// </summary>
    DateTimeOffset WorkingDaysBefore(DateTimeOffset due, int workingDays, string region = WorkingDayCalendar.DefaultRegion);

    /// <summary>The working days after <paramref name="from"/> up to and including <paramref name="to"/>.</summary>
    int CountWorkingDays(DateOnly from, DateOnly to, string region = WorkingDayCalendar.DefaultRegion);

    /// <summary>The instant's date in the region's time zone.</summary>
    DateOnly LocalDate(DateTimeOffset instant, string region = WorkingDayCalendar.DefaultRegion);
}

namespace PartnerPlatform.WorkingDays;

/// <summary>Region calendars built from data files; immutable and safe to share.</summary>
public sealed class WorkingDayCalendar : IWorkingDayCalendar
{
    public const string DefaultRegion = "cn";

    /// <summary>The end of a working day. Exactly 23:59:59 (no fraction), as the spec states; a deadline is met at or before it.</summary>
    public static readonly TimeOnly EndOfDay = new(23, 59, 59);

    private const string ResourcePrefix = "PartnerPlatform.WorkingDays.Calendars.";

    private readonly Dictionary<string, RegionCalendar> _regions;

    public WorkingDayCalendar(IEnumerable<CalendarYear> years)
    {
        ArgumentNullException.ThrowIfNull(years);

        _regions = new Dictionary<string, RegionCalendar>(StringComparer.Ordinal);
        foreach (var group in years.GroupBy(y => y.Region, StringComparer.Ordinal))
        {
            var byYear = new SortedDictionary<int, CalendarYear>();
            foreach (var year in group)
            {
                if (!byYear.TryAdd(year.Year, year))
                {
                    throw new ArgumentException($"The {year.Region} calendar of {year.Year} is given twice.", nameof(years));
                }
            }

            var timeZone = byYear.Values.First().TimeZone;
            if (byYear.Values.Any(y => y.TimeZone.Id != timeZone.Id))
            {
                throw new ArgumentException($"The {group.Key} calendar years disagree on the time zone.", nameof(years));
            }

            _regions.Add(group.Key, new RegionCalendar(group.Key, timeZone, byYear));
        }

        Years = [.. _regions.Values.SelectMany(r => r.Years.Values)];
    }

    /// <summary>Every loaded region-year, with its source, version and status.</summary>
    public IReadOnlyList<CalendarYear> Years { get; }

    /// <summary>
    /// The calendars shipped in this assembly, plus <see cref="WorkingDaysOptions.Files"/>; an extra file replaces
    /// the shipped data of the same region and year.
    /// </summary>
    public static WorkingDayCalendar Load(WorkingDaysOptions? options = null)
    {
        var years = LoadShipped().ToDictionary(y => (y.Region, y.Year));
        var extra = new HashSet<(string, int)>();
        foreach (var path in options?.Files ?? [])
        {
            var year = CalendarYear.Parse(Path.GetFileName(path), File.ReadAllText(path));
            if (!extra.Add((year.Region, year.Year)))
            {
                throw new CalendarFileException(path, null, $"another extra file already gives the {year.Region} calendar of {year.Year}.");
            }

            years[(year.Region, year.Year)] = year;
        }

        return new WorkingDayCalendar(years.Values);
    }

    public bool IsWorkingDay(DateOnly date, string region = DefaultRegion) => Region(region).IsWorkingDay(date);

    public DateTimeOffset AddWorkingDays(DateTimeOffset instant, int workingDays, string region = DefaultRegion)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(workingDays);
        var calendar = Region(region);
        var day = calendar.LocalDate(instant);
        for (var counted = 0; counted < workingDays;)
        {
            day = day.AddDays(1);
            if (calendar.IsWorkingDay(day))
            {
                counted++;
            }
        }

        return calendar.Instant(day, EndOfDay);
    }

    public DateTimeOffset WorkingDaysBefore(DateTimeOffset due, int workingDays, string region = DefaultRegion)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(workingDays);
        var calendar = Region(region);
        var local = TimeZoneInfo.ConvertTime(due, calendar.TimeZone);
        var day = DateOnly.FromDateTime(local.DateTime);
        for (var counted = 0; counted < workingDays;)
        {
            day = day.AddDays(-1);
            if (calendar.IsWorkingDay(day))
            {
                counted++;
            }
        }

        return calendar.Instant(day, TimeOnly.FromDateTime(local.DateTime));
    }

    public int CountWorkingDays(DateOnly from, DateOnly to, string region = DefaultRegion)
    {
        if (to < from)
        {
            throw new ArgumentOutOfRangeException(nameof(to), to, "'to' must not be before 'from'.");
        }

        var calendar = Region(region);
        var count = 0;
        for (var day = from.AddDays(1); day <= to; day = day.AddDays(1))
        {
            if (calendar.IsWorkingDay(day))
            {
                count++;
            }
        }

        return count;
    }

    public DateOnly LocalDate(DateTimeOffset instant, string region = DefaultRegion) => Region(region).LocalDate(instant);

    private static IEnumerable<CalendarYear> LoadShipped()
    {
        var assembly = typeof(WorkingDayCalendar).Assembly;
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(name)
                ?? throw new InvalidOperationException($"Resource {name} cannot be read.");
            using var reader = new StreamReader(stream);
            yield return CalendarYear.Parse(name[ResourcePrefix.Length..], reader.ReadToEnd());
        }
    }

    private RegionCalendar Region(string region)
    {
        ArgumentNullException.ThrowIfNull(region);
        return _regions.TryGetValue(region, out var calendar)
            ? calendar
            : throw new UnknownRegionException(region, [.. _regions.Keys]);
    }

    private sealed class RegionCalendar(string name, TimeZoneInfo timeZone, SortedDictionary<int, CalendarYear> years)
    {
        public TimeZoneInfo TimeZone { get; } = timeZone;

        public SortedDictionary<int, CalendarYear> Years { get; } = years;

        public bool IsWorkingDay(DateOnly date) =>
            Years.TryGetValue(date.Year, out var year)
                ? year.IsWorkingDay(date)
                : throw new DateOutsideCalendarException(name, date, Years.Keys);

        public DateOnly LocalDate(DateTimeOffset instant) =>
            DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, TimeZone).DateTime);

        public DateTimeOffset Instant(DateOnly date, TimeOnly time)
        {
            var local = date.ToDateTime(time, DateTimeKind.Unspecified);
            return new DateTimeOffset(local, TimeZone.GetUtcOffset(local)).ToUniversalTime();
        }
    }
}

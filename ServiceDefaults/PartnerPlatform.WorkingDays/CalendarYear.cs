using System.Globalization;

namespace PartnerPlatform.WorkingDays;

/// <summary>One region's calendar for one year, read from a data file such as <c>cn-2026.txt</c>.</summary>
public sealed class CalendarYear
{
    private const string DateFormat = "yyyy-MM-dd";

    private static readonly string[] RequiredKeys = ["source", "version", "status", "region", "year", "time-zone", "weekend"];

    private CalendarYear(
        string region,
        int year,
        string source,
        string version,
        string status,
        TimeZoneInfo timeZone,
        IReadOnlySet<DayOfWeek> weekend,
        IReadOnlySet<DateOnly> holidays,
        IReadOnlySet<DateOnly> makeUpWorkingDays)
    {
        Region = region;
        Year = year;
        Source = source;
        Version = version;
        Status = status;
        TimeZone = timeZone;
        Weekend = weekend;
        Holidays = holidays;
        MakeUpWorkingDays = makeUpWorkingDays;
    }

    public string Region { get; }

    public int Year { get; }

    /// <summary>Where the days come from (for <c>cn</c>: the State Council notice for the year).</summary>
    public string Source { get; }

    /// <summary>The data version; raised whenever the file's days change.</summary>
    public string Version { get; }

    /// <summary><c>official</c>, or <c>provisional</c> followed by what would make it official.</summary>
    public string Status { get; }

    public bool IsProvisional => Status.StartsWith("provisional", StringComparison.Ordinal);

    public TimeZoneInfo TimeZone { get; }

    public IReadOnlySet<DayOfWeek> Weekend { get; }

    /// <summary>Days off besides the weekend (weekend days inside a holiday period included).</summary>
    public IReadOnlySet<DateOnly> Holidays { get; }

    /// <summary>Weekend days declared working days.</summary>
    public IReadOnlySet<DateOnly> MakeUpWorkingDays { get; }

    public bool IsWorkingDay(DateOnly date)
    {
        if (date.Year != Year)
        {
            throw new ArgumentOutOfRangeException(nameof(date), date, $"The {Region} calendar of {Year} does not hold this date.");
        }

        return MakeUpWorkingDays.Contains(date) || (!Holidays.Contains(date) && !Weekend.Contains(date.DayOfWeek));
    }

    /// <summary>
    /// Reads a data file. <paramref name="fileName"/> must be <c>{region}-{year}.txt</c> and agree with the header.
    /// </summary>
    /// <exception cref="CalendarFileException">The file breaks the format or contradicts itself.</exception>
    public static CalendarYear Parse(string fileName, string content)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        ArgumentNullException.ThrowIfNull(content);

        var header = new Dictionary<string, string>(StringComparer.Ordinal);
        var entries = new List<(int Line, bool Working, DateOnly First, DateOnly Last)>();
        var lines = content.ReplaceLineEndings("\n").Split('\n');

        for (var index = 0; index < lines.Length; index++)
        {
            var lineNumber = index + 1;
            var line = lines[index].Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var words = line.Split((char[]?)null, 3, StringSplitOptions.RemoveEmptyEntries);
            if (words[0] is "off" or "work")
            {
                if (words.Length < 3)
                {
                    throw Error(fileName, lineNumber, $"expected '{words[0]} <date>[..<date>] <label>'.");
                }

                var (first, last) = ParseDays(fileName, lineNumber, words[1]);
                if (words[0] == "work" && first != last)
                {
                    throw Error(fileName, lineNumber, "a make-up working day is a single date.");
                }

                entries.Add((lineNumber, words[0] == "work", first, last));
                continue;
            }

            var colon = line.IndexOf(':', StringComparison.Ordinal);
            var key = colon > 0 ? line[..colon].Trim() : string.Empty;
            var value = colon > 0 ? line[(colon + 1)..].Trim() : string.Empty;
            if (!RequiredKeys.Contains(key) || value.Length == 0)
            {
                throw Error(fileName, lineNumber, $"expected a header line '<key>: <value>' with key one of {string.Join(", ", RequiredKeys)}, or an 'off'/'work' line.");
            }

            if (!header.TryAdd(key, value))
            {
                throw Error(fileName, lineNumber, $"'{key}' appears twice.");
            }
        }

        var missing = RequiredKeys.Where(key => !header.ContainsKey(key)).ToList();
        if (missing.Count > 0)
        {
            throw Error(fileName, null, $"the header lacks {string.Join(", ", missing)}.");
        }

        var region = header["region"];
        if (!region.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c)))
        {
            throw Error(fileName, null, "region must be lower-case letters and digits.");
        }

        if (!int.TryParse(header["year"], NumberStyles.None, CultureInfo.InvariantCulture, out var year) || year is < 1900 or > 9999)
        {
            throw Error(fileName, null, "year must be a four-digit year.");
        }

        if (!string.Equals(Path.GetFileName(fileName), $"{region}-{year}.txt", StringComparison.Ordinal))
        {
            throw Error(fileName, null, $"the file of region '{region}' and year {year} must be named {region}-{year}.txt.");
        }

        var status = header["status"];
        if (!status.StartsWith("official", StringComparison.Ordinal) && !status.StartsWith("provisional", StringComparison.Ordinal))
        {
            throw Error(fileName, null, "status must start with 'official' or 'provisional'.");
        }

        var timeZone = FindTimeZone(fileName, header["time-zone"]);
        var weekend = ParseWeekend(fileName, header["weekend"]);

        var holidays = new HashSet<DateOnly>();
        var makeUpWorkingDays = new HashSet<DateOnly>();
        foreach (var (line, working, first, last) in entries)
        {
            if (first.Year != year || last.Year != year)
            {
                throw Error(fileName, line, $"every date must lie in {year}.");
            }

            for (var day = first; day <= last; day = day.AddDays(1))
            {
                if (working && !weekend.Contains(day.DayOfWeek))
                {
                    throw Error(fileName, line, $"{day:yyyy-MM-dd} is a {day.DayOfWeek}: a make-up working day must be a weekend day.");
                }

                var (same, other) = working ? (makeUpWorkingDays, holidays) : (holidays, makeUpWorkingDays);
                if (other.Contains(day))
                {
                    throw Error(fileName, line, $"{day:yyyy-MM-dd} is listed both as off and as a working day.");
                }

                if (!same.Add(day))
                {
                    throw Error(fileName, line, $"{day:yyyy-MM-dd} is listed twice.");
                }
            }
        }

        return new CalendarYear(region, year, header["source"], header["version"], status, timeZone, weekend, holidays, makeUpWorkingDays);
    }

    private static (DateOnly First, DateOnly Last) ParseDays(string fileName, int line, string text)
    {
        var parts = text.Split("..");
        if (parts.Length > 2
            || !DateOnly.TryParseExact(parts[0], DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var first))
        {
            throw Error(fileName, line, $"'{text}' is not a date (yyyy-MM-dd) or a range (yyyy-MM-dd..yyyy-MM-dd).");
        }

        var last = first;
        if (parts.Length == 2
            && (!DateOnly.TryParseExact(parts[1], DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out last) || last < first))
        {
            throw Error(fileName, line, $"'{text}' is not a range of dates in order.");
        }

        return (first, last);
    }

    private static HashSet<DayOfWeek> ParseWeekend(string fileName, string text)
    {
        var days = new HashSet<DayOfWeek>();
        foreach (var name in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var match = Enum.GetValues<DayOfWeek>().Where(d => string.Equals(d.ToString(), name, StringComparison.OrdinalIgnoreCase)).ToList();
            if (match.Count == 0 || !days.Add(match[0]))
            {
                throw Error(fileName, null, $"weekend must list distinct day names (e.g. 'Saturday Sunday'); '{name}' is not one.");
            }
        }

        return days;
    }

    private static TimeZoneInfo FindTimeZone(string fileName, string id)
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(id);
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            throw new CalendarFileException(fileName, null, $"time zone '{id}' is not known on this machine (use an IANA id such as Asia/Shanghai; the system needs its time zone data).", e);
        }
    }

    private static CalendarFileException Error(string fileName, int? line, string message) => new(fileName, line, message);
}

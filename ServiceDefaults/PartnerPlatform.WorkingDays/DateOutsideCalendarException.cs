namespace PartnerPlatform.WorkingDays;

/// <summary>
/// A computation needed a date of a year whose calendar is not loaded. The calendar never guesses:
/// load the data file of that year.
/// </summary>
public sealed class DateOutsideCalendarException : InvalidOperationException
{
    public DateOutsideCalendarException(string region, DateOnly date, IReadOnlyCollection<int> loadedYears)
        : base($"The {region} calendar has no data for {date:yyyy-MM-dd}; loaded years: {string.Join(", ", loadedYears)}.")
    {
        Region = region;
        Date = date;
        LoadedYears = loadedYears;
    }

    public string Region { get; }

    public DateOnly Date { get; }

    public IReadOnlyCollection<int> LoadedYears { get; }
}

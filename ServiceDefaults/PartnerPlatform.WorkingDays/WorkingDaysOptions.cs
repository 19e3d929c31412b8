namespace PartnerPlatform.WorkingDays;

/// <summary>Configuration section <c>WorkingDays</c>.</summary>
public sealed class WorkingDaysOptions
{
    public const string SectionName = "WorkingDays";

    /// <summary>
    /// Extra calendar data files on disk (<c>WorkingDays:Files:0</c>, …): new regions or years, or a newer version of a
    /// shipped region-year, which it replaces.
    /// </summary>
    public IList<string> Files { get; } = [];
}

namespace PartnerPlatform.WorkingDays;

/// <summary>No calendar is loaded for the region asked for.</summary>
public sealed class UnknownRegionException : ArgumentException
{
    public UnknownRegionException(string region, IReadOnlyCollection<string> loadedRegions)
        : base($"No working-day calendar is loaded for region '{region}'; loaded regions: {string.Join(", ", loadedRegions)}.", nameof(region))
    {
        Region = region;
    }

    public string Region { get; }
}

namespace PartnerPlatform.ServiceDefaults;

public static class PlatformClock
{
    /// <summary>
    /// Now, cut to whole microseconds (PostgreSQL's precision), so what an endpoint answers or an
    /// event carries equals what a later read of the same row shows.
    /// </summary>
    public static DateTimeOffset Now(this TimeProvider timeProvider)
    {
        var now = timeProvider.GetUtcNow();
        return now.AddTicks(-(now.Ticks % TimeSpan.TicksPerMicrosecond));
    }
}

namespace Coupons.Api.Infrastructure;

public static class Clock
{
    /// <summary>
    /// Now, cut to whole microseconds (PostgreSQL's precision), so what an endpoint answers equals
    /// what a later read of the same row shows.
    /// </summary>
    public static DateTimeOffset Now(this TimeProvider timeProvider)
    {
        var now = timeProvider.GetUtcNow();
        return now.AddTicks(-(now.Ticks % TimeSpan.TicksPerMicrosecond));
    }
}

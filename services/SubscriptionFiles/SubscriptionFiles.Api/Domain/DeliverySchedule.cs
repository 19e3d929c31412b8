namespace SubscriptionFiles.Api.Domain;

/// <summary>A delivery period: [Start, End) on Beijing time boundaries.</summary>
public sealed record DeliveryPeriod(DateTimeOffset Start, DateTimeOffset End)
{
    /// <summary>The period as written in manifests and views: <c>2026-11-30/2026-12-07</c> (Beijing dates, end exclusive).</summary>
    public string Label => $"{Start.ToOffset(DeliverySchedule.BeijingOffset):yyyy-MM-dd}/{End.ToOffset(DeliverySchedule.BeijingOffset):yyyy-MM-dd}";
}

/// <summary>
/// When contents are delivered. A period is generated as soon as it closes and must land within
/// three days: a weekly period closes on Monday 00:00 Beijing time, so it lands before that
/// Wednesday 24:00. The first period is the Monday-based week of the subscription, which puts the
/// first delivery before the Wednesday 24:00 (GMT+8) of the following week (seed 004).
/// </summary>
public static class DeliverySchedule
{
    /// <summary>Beijing time has no daylight saving: GMT+8 all year.</summary>
    public static readonly TimeSpan BeijingOffset = TimeSpan.FromHours(8);

    public static readonly TimeSpan DeliveryWindow = TimeSpan.FromDays(3);

    public static DeliveryPeriod FirstPeriod(DateTimeOffset subscribedAt)
    {
        var local = subscribedAt.ToOffset(BeijingOffset);
        var daysSinceMonday = ((int)local.DayOfWeek + 6) % 7;
        var monday = new DateTimeOffset(local.Date.AddDays(-daysSinceMonday), BeijingOffset);
        return new DeliveryPeriod(monday.ToUniversalTime(), monday.AddDays(7).ToUniversalTime());
    }

    public static DeliveryPeriod NextPeriod(DeliveryPeriod previous, Cadence cadence)
    {
        var start = previous.End;
        var end = cadence switch
        {
            Cadence.Monthly => FirstDayOfNextMonth(start),
            _ => start.AddDays(7),
        };
        return new DeliveryPeriod(start, end.ToUniversalTime());
    }

    /// <summary>The latest moment the period's files must be in the bucket.</summary>
    public static DateTimeOffset DeliverBy(DeliveryPeriod period) => period.End + DeliveryWindow;

    private static DateTimeOffset FirstDayOfNextMonth(DateTimeOffset instant)
    {
        var local = instant.ToOffset(BeijingOffset);
        return new DateTimeOffset(local.Year, local.Month, 1, 0, 0, 0, BeijingOffset).AddMonths(1);
    }
}

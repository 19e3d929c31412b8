using SubscriptionFiles.Api.Domain;

namespace SubscriptionFiles.Tests;

/// <summary>The first delivery lands before the Wednesday 24:00 (GMT+8) of the week after the subscription; then per cadence.</summary>
public sealed class ScheduleTests
{
    private static readonly TimeSpan Beijing = TimeSpan.FromHours(8);

    [Theory]
    // Subscribed on a Wednesday 23:59 GMT+8: the following week's Wednesday, not the same day.
    [InlineData("2026-12-02T23:59:00+08:00", "2026-11-30", "2026-12-07", "2026-12-10T00:00:00+08:00")]
    // One minute later it is Thursday: still the same week, same deadline.
    [InlineData("2026-12-03T00:00:00+08:00", "2026-11-30", "2026-12-07", "2026-12-10T00:00:00+08:00")]
    // Monday 00:00 GMT+8 starts a new week (Sunday 16:00 UTC).
    [InlineData("2026-12-07T00:00:00+08:00", "2026-12-07", "2026-12-14", "2026-12-17T00:00:00+08:00")]
    [InlineData("2026-12-06T23:59:59+08:00", "2026-11-30", "2026-12-07", "2026-12-10T00:00:00+08:00")]
    // Year end: Thursday 31 December → Wednesday 6 January of the next year.
    [InlineData("2026-12-31T10:00:00+08:00", "2026-12-28", "2027-01-04", "2027-01-07T00:00:00+08:00")]
    // UTC evening of 31 December is already 1 January in Beijing, still in the same Monday-based week.
    [InlineData("2026-12-31T20:00:00+00:00", "2026-12-28", "2027-01-04", "2027-01-07T00:00:00+08:00")]
    public void The_first_delivery_is_due_before_the_next_weeks_Wednesday_midnight_Beijing_time(
        string subscribedAt, string periodStart, string periodEnd, string deliverBy)
    {
        var period = DeliverySchedule.FirstPeriod(DateTimeOffset.Parse(subscribedAt));

        Assert.Equal(DateTimeOffset.Parse(periodStart + "T00:00:00+08:00"), period.Start);
        Assert.Equal(DateTimeOffset.Parse(periodEnd + "T00:00:00+08:00"), period.End);
        Assert.Equal($"{periodStart}/{periodEnd}", period.Label);
        var due = DeliverySchedule.DeliverBy(period);
        Assert.Equal(DateTimeOffset.Parse(deliverBy), due);
        // "Before Wednesday 24:00": the deadline is the first instant of Thursday in Beijing.
        Assert.Equal(DayOfWeek.Thursday, due.ToOffset(Beijing).DayOfWeek);
        Assert.True(due - DateTimeOffset.Parse(subscribedAt) <= TimeSpan.FromDays(10));
    }

    [Fact]
    public void Weekly_periods_follow_each_other_across_the_year_end()
    {
        var first = DeliverySchedule.FirstPeriod(DateTimeOffset.Parse("2026-12-24T12:00:00+08:00"));
        var second = DeliverySchedule.NextPeriod(first, Cadence.Weekly);
        var third = DeliverySchedule.NextPeriod(second, Cadence.Weekly);

        Assert.Equal("2026-12-21/2026-12-28", first.Label);
        Assert.Equal("2026-12-28/2027-01-04", second.Label);
        Assert.Equal("2027-01-04/2027-01-11", third.Label);
    }

    [Fact]
    public void A_monthly_content_closes_its_second_period_at_the_month_end_then_runs_by_calendar_month()
    {
        var first = DeliverySchedule.FirstPeriod(DateTimeOffset.Parse("2026-12-16T09:00:00+08:00"));
        var second = DeliverySchedule.NextPeriod(first, Cadence.Monthly);
        var third = DeliverySchedule.NextPeriod(second, Cadence.Monthly);

        Assert.Equal("2026-12-21/2027-01-01", second.Label);
        Assert.Equal("2027-01-01/2027-02-01", third.Label);
        Assert.Equal(DateTimeOffset.Parse("2027-02-04T00:00:00+08:00"), DeliverySchedule.DeliverBy(third));
    }
}

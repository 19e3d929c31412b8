namespace Coupons.Tests.Support;

/// <summary>
/// The real clock shifted by an offset the test moves forward: timers keep running, only "what
/// time is it" jumps (quota and coupon expiry, token lifetimes).
/// </summary>
public sealed class ManualClock : TimeProvider
{
    private long _offsetTicks;

    public override DateTimeOffset GetUtcNow() => base.GetUtcNow().AddTicks(Interlocked.Read(ref _offsetTicks));

    public void Advance(TimeSpan by) => Interlocked.Add(ref _offsetTicks, by.Ticks);
}

namespace PartnerPlatform.Testing;

/// <summary>
/// The real clock shifted by an offset the test moves: timers keep running, only "what time is
/// it" jumps (deadlines, expiry, token lifetimes). <see cref="SetUtcNow"/> jumps to a fixed
/// instant (a working-day edge, a month start) and keeps ticking from there.
/// </summary>
public sealed class ManualClock : TimeProvider
{
    private long _offsetTicks;

    public override DateTimeOffset GetUtcNow() => base.GetUtcNow().AddTicks(Interlocked.Read(ref _offsetTicks));

    public void Advance(TimeSpan by) => Interlocked.Add(ref _offsetTicks, by.Ticks);

    public void SetUtcNow(DateTimeOffset instant) =>
        Interlocked.Exchange(ref _offsetTicks, (instant - base.GetUtcNow()).Ticks);
}

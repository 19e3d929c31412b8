namespace PartnerPlatform.AppHost;

/// <summary>
/// When a project crashes it is started again after <see cref="InitialDelay"/>, doubling with every
/// further crash up to <see cref="MaxDelay"/>; a run that lasted <see cref="StableAfter"/> or longer
/// counts as healthy and starts the sequence over.
/// </summary>
public sealed record RestartPolicy(TimeSpan InitialDelay, TimeSpan MaxDelay, TimeSpan StableAfter)
{
    public static RestartPolicy Default { get; } = new(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(30));

    /// <summary>The number of the crash in the current sequence (1 for the first).</summary>
    public int NextCrashNumber(int previousCrashNumber, TimeSpan ranFor) =>
        ranFor >= StableAfter ? 1 : previousCrashNumber + 1;

    public TimeSpan DelayBefore(int crashNumber)
    {
        var factor = Math.Pow(2, Math.Clamp(crashNumber - 1, 0, 30));
        var delay = TimeSpan.FromTicks((long)Math.Min(InitialDelay.Ticks * factor, MaxDelay.Ticks));
        return delay < InitialDelay ? InitialDelay : delay;
    }
}

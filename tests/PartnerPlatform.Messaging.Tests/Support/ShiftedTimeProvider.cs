namespace PartnerPlatform.Messaging.Tests.Support;

/// <summary>The system clock moved by <see cref="Offset"/>; timers still run in real time.</summary>
public sealed class ShiftedTimeProvider : TimeProvider
{
    public TimeSpan Offset { get; set; }

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + Offset;
}

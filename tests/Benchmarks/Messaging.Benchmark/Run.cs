using System.Diagnostics;

namespace Messaging.Benchmark;

/// <summary>
/// One measured run: each event's sequence number, the moment its producer called commit and the
/// moment its consumer's effect was committed. Producers take sequence numbers with
/// <see cref="Next"/>; consumers report with <see cref="Consumed"/>.
/// </summary>
public sealed class Run(int capacity)
{
    private readonly long[] _committedAt = new long[capacity];
    private readonly long[] _consumedAt = new long[capacity];
    private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _next;
    private int _produced = int.MaxValue;
    private int _consumed;

    /// <summary>The run events are reported to.</summary>
    public static Run? Current { get; set; }

    public int Produced => Math.Min(Volatile.Read(ref _next), capacity);

    /// <summary>The next sequence number, or -1 when the run is full.</summary>
    public int Next()
    {
        var sequence = Interlocked.Increment(ref _next) - 1;
        return sequence < capacity ? sequence : -1;
    }

    public void Committing(int sequence) => _committedAt[sequence] = Stopwatch.GetTimestamp();

    public void Consumed(int sequence)
    {
        if (sequence < 0 || sequence >= capacity || Interlocked.CompareExchange(ref _consumedAt[sequence], Stopwatch.GetTimestamp(), 0) != 0)
        {
            return;
        }

        if (Interlocked.Increment(ref _consumed) >= Volatile.Read(ref _produced))
        {
            _done.TrySetResult();
        }
    }

    /// <summary>Called once every producer has stopped; completes when the last produced event is consumed.</summary>
    public async Task FinishAsync(TimeSpan timeout)
    {
        Volatile.Write(ref _produced, Produced);
        if (Volatile.Read(ref _consumed) >= Produced)
        {
            _done.TrySetResult();
        }

        try
        {
            await _done.Task.WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"Only {Volatile.Read(ref _consumed)} of {Produced} events were consumed within {timeout}.");
        }
    }

    /// <summary>Commit-to-consume latencies in milliseconds, sorted.</summary>
    public double[] LatenciesMs() =>
        Enumerable.Range(0, Produced)
            .Select(i => Stopwatch.GetElapsedTime(_committedAt[i], _consumedAt[i]).TotalMilliseconds)
            .Order()
            .ToArray();

    public static double Percentile(double[] sorted, double percentile) =>
        sorted[Math.Clamp((int)Math.Ceiling(percentile / 100 * sorted.Length) - 1, 0, sorted.Length - 1)];
}

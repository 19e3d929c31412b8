using System.Diagnostics;

namespace Messaging.Benchmark;

/// <summary>
/// One measured run: N events, each with the moment its producer called commit and the moment its
/// consumer's effect was committed. Consumers call <see cref="Consumed"/>.
/// </summary>
public sealed class Run
{
    private readonly long[] _committedAt;
    private readonly long[] _consumedAt;
    private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _remaining;

    public Run(int events)
    {
        Events = events;
        _committedAt = new long[events];
        _consumedAt = new long[events];
        _remaining = events;
    }

    /// <summary>The run events go to; sequences outside the current run (warm-up leftovers) are ignored.</summary>
    public static Run? Current { get; set; }

    public int Events { get; }

    public void Committing(int sequence) => _committedAt[sequence] = Stopwatch.GetTimestamp();

    public void Consumed(int sequence)
    {
        if (sequence < 0 || sequence >= Events || Interlocked.CompareExchange(ref _consumedAt[sequence], Stopwatch.GetTimestamp(), 0) != 0)
        {
            return;
        }

        if (Interlocked.Decrement(ref _remaining) == 0)
        {
            _done.TrySetResult();
        }
    }

    public async Task WaitAsync(TimeSpan timeout)
    {
        try
        {
            await _done.Task.WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"Only {Events - Volatile.Read(ref _remaining)} of {Events} events were consumed within {timeout}.");
        }
    }

    /// <summary>Commit-to-consume latencies in milliseconds, sorted.</summary>
    public double[] LatenciesMs() =>
        Enumerable.Range(0, Events)
            .Select(i => Stopwatch.GetElapsedTime(_committedAt[i], _consumedAt[i]).TotalMilliseconds)
            .Order()
            .ToArray();

    public static double Percentile(double[] sorted, double percentile) =>
        sorted[Math.Clamp((int)Math.Ceiling(percentile / 100 * sorted.Length) - 1, 0, sorted.Length - 1)];
}

using System.Diagnostics;

namespace Coupons.Benchmark;

/// <summary>Operations per second and latency percentiles of one closed-loop measurement.</summary>
internal sealed record Measurement(double PerSecond, double P50Milliseconds, double P95Milliseconds, long Operations)
{
    /// <summary>
    /// Runs <paramref name="operation"/> in <paramref name="workers"/> loops, each starting the next
    /// call when the previous one answered, for <paramref name="duration"/>. An operation that
    /// throws ends the run: a measurement with failures is not a measurement.
    /// </summary>
    public static async Task<Measurement> RunAsync(int workers, TimeSpan duration, Func<int, Task> operation, CancellationToken cancellationToken)
    {
        var latencies = Enumerable.Range(0, workers).Select(_ => new List<double>(4096)).ToArray();
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, workers).Select(worker => Task.Run(
            async () =>
            {
                while (clock.Elapsed < duration)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    var started = Stopwatch.GetTimestamp();
                    await operation(worker);
                    latencies[worker].Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                }
            },
            cancellationToken)));
        var elapsed = clock.Elapsed.TotalSeconds;
        var all = latencies.SelectMany(l => l).Order().ToArray();
        return new Measurement(all.Length / elapsed, Percentile(all, 0.50), Percentile(all, 0.95), all.Length);
    }

    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
}

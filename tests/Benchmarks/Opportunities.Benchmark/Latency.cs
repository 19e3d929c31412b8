using System.Diagnostics;

namespace Opportunities.Benchmark;

/// <summary>Latency percentiles of one closed-loop measurement.</summary>
internal sealed record Latency(double P50, double P95, int Count)
{
    /// <summary>
    /// Runs <paramref name="operation"/> in <paramref name="workers"/> loops, each starting the next call when the
    /// previous one answered, for <paramref name="duration"/>. An operation that throws ends the run.
    /// </summary>
    public static async Task<Latency> MeasureAsync(int workers, TimeSpan duration, Func<Task> operation)
    {
        var latencies = Enumerable.Range(0, workers).Select(_ => new List<double>(1024)).ToArray();
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, workers).Select(worker => Task.Run(async () =>
        {
            while (clock.Elapsed < duration)
            {
                var started = Stopwatch.GetTimestamp();
                await operation();
                latencies[worker].Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        })));
        var all = latencies.SelectMany(l => l).Order().ToArray();
        return new Latency(Percentile(all, 0.50), Percentile(all, 0.95), all.Length);
    }

    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
}

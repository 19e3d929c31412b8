using System.Diagnostics;
using Benchmarks.Support;

namespace Coupons.Benchmark;

/// <summary>Operations per second, latency percentiles and CPU of one closed-loop measurement.</summary>
internal sealed record Measurement(double PerSecond, double P50Milliseconds, double P95Milliseconds, long Operations, ProcessCpu Cpu, TimeSpan OwnDatabase)
{
    /// <summary>Microseconds of CPU per operation spent by <paramref name="spent"/> (one part of <see cref="Cpu"/>).</summary>
    public double MicrosecondsPerOperation(TimeSpan spent) => Operations == 0 ? double.NaN : spent.TotalMicroseconds / Operations;

    /// <summary>
    /// Runs <paramref name="operation"/> in <paramref name="workers"/> loops, each starting the next
    /// call when the previous one answered, for <paramref name="duration"/>. An operation that
    /// throws ends the run: a measurement with failures is not a measurement. With
    /// <paramref name="backends"/>, the CPU of this database's server processes is measured too.
    /// </summary>
    public static async Task<Measurement> RunAsync(
        int workers, TimeSpan duration, Func<int, Task> operation, CancellationToken cancellationToken, DatabaseBackends? backends = null)
    {
        var latencies = Enumerable.Range(0, workers).Select(_ => new List<double>(4096)).ToArray();
        var backendsAtStart = backends is null ? [] : await backends.SnapshotAsync();
        var cpuAtStart = ProcessCpu.Now();
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
        var cpu = ProcessCpu.Now() - cpuAtStart;
        var ownDatabase = backends is null ? TimeSpan.Zero : DatabaseBackends.Spent(backendsAtStart, await backends.SnapshotAsync());
        var all = latencies.SelectMany(l => l).Order().ToArray();
        return new Measurement(all.Length / elapsed, Percentile(all, 0.50), Percentile(all, 0.95), all.Length, cpu, ownDatabase);
    }

    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
}

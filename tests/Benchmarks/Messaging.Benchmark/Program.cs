using System.Diagnostics;
using System.Globalization;
using Messaging.Benchmark;
using Microsoft.EntityFrameworkCore;
using PartnerPlatform.Testing;

// End-to-end throughput (commit → consumer's committed effect) of three paths in one run, on the
// private servers: the outbox (AddMessaging: commit, relay, inbox consumer), a direct MassTransit
// publish after the commit (same consumer), and raw RabbitMQ.Client with confirms (same database
// work). Then the outbox's commit→consume latency at half its measured maximum rate.
// Usage: dotnet run -c Release --project tests/Benchmarks/Messaging.Benchmark -- [--seconds 3] [--rounds 3] [--producers 8] [--latency-seconds 4]
var seconds = IntArgument("--seconds", 3);
var rounds = IntArgument("--rounds", 3);
var producers = IntArgument("--producers", 8);
var latencySeconds = IntArgument("--latency-seconds", 4);
var runTimeout = TimeSpan.FromSeconds(60);
var total = Stopwatch.StartNew();

var database = new PostgresDatabaseFixture();
var broker = new RabbitMqVirtualHostFixture();
await Task.WhenAll(database.InitializeAsync(), broker.InitializeAsync());
try
{
    await using (var db = new BenchDbContext(new DbContextOptionsBuilder<BenchDbContext>().UseNpgsql(database.ConnectionString).Options))
    {
        await db.Database.EnsureCreatedAsync();
    }

    await using var massTransit = await MassTransitPaths.StartAsync(database.ConnectionString, broker.ConnectionUri);
    await using var raw = await RawPath.StartAsync(database.ConnectionString, broker.ConnectionUri, producers);
    var paths = new (string Name, Func<Run, int, int, Task> Produce)[]
    {
        ("outbox (commit, relay, inbox consumer)", (run, _, sequence) => massTransit.ThroughOutboxAsync(run, sequence)),
        ("direct MassTransit publish after commit", (run, _, sequence) => massTransit.DirectAsync(run, sequence)),
        ("raw RabbitMQ.Client publish with confirms", raw.PublishAsync),
    };

    Console.WriteLine($"{Environment.ProcessorCount} cores, load average {LoadAverage()}; {producers} producers; {seconds} s of producing per measurement; {rounds} rounds, paths alternating, medians reported");
    foreach (var (_, produce) in paths)
    {
        await MeasureAsync(produce, TimeSpan.FromSeconds(1));
    }

    var rates = paths.Select(_ => new List<double>()).ToArray();
    for (var round = 0; round < rounds; round++)
    {
        for (var p = 0; p < paths.Length; p++)
        {
            rates[p].Add(await MeasureAsync(paths[p].Produce, TimeSpan.FromSeconds(seconds)));
        }
    }

    var medians = rates.Select(Median).ToArray();
    var latencyRate = medians[0] / 2;
    // The same offered rate through every path: the other two show what the machine itself costs.
    var latencies = new List<double[]>();
    foreach (var (_, produce) in paths)
    {
        latencies.Add(await MeasureLatencyAsync(produce, latencyRate, TimeSpan.FromSeconds(latencySeconds)));
    }

    Console.WriteLine();
    Console.WriteLine($"| path | events/s (median) | rounds | latency p50 / p95 / p99 at {latencyRate:0} events/s |");
    Console.WriteLine("|---|---:|---|---|");
    for (var p = 0; p < paths.Length; p++)
    {
        var perRound = string.Join(" / ", rates[p].Select(r => r.ToString("0", CultureInfo.InvariantCulture)));
        var latency = latencies[p];
        Console.WriteLine($"| {paths[p].Name} | {medians[p]:0} | {perRound} | {Run.Percentile(latency, 50):0.0} / {Run.Percentile(latency, 95):0.0} / {Run.Percentile(latency, 99):0.0} ms |");
    }

    var outboxToDirect = medians[0] / medians[1];
    var massTransitToRaw = medians[1] / medians[2];
    var p95 = Run.Percentile(latencies[0], 95);
    Console.WriteLine();
    Console.WriteLine("| measure | value | goal | |");
    Console.WriteLine("|---|---:|---|---|");
    Console.WriteLine($"| outbox / direct | {outboxToDirect:0.00} | ≥ 0.5 | {Verdict(outboxToDirect >= 0.5)} |");
    Console.WriteLine($"| MassTransit / raw | {massTransitToRaw:0.00} | ≥ 0.25 | {Verdict(massTransitToRaw >= 0.25)} |");
    Console.WriteLine($"| outbox commit→consume p95 at {latencyRate:0} events/s ({latencies[0].Length} events) | {p95:0.0} ms | ≤ 50 ms | {Verdict(p95 <= 50)} |");
    Console.WriteLine();
    Console.WriteLine($"Total run time {total.Elapsed.TotalSeconds:0} s; load average at the end {LoadAverage()}.");
}
finally
{
    await broker.DisposeAsync();
    await database.DisposeAsync();
}

// Closed loop: producers go as fast as commits and confirms allow for a while; the clock stops at
// the last effect, so a path whose consumers lag behind its producers is not flattered.
async Task<double> MeasureAsync(Func<Run, int, int, Task> produce, TimeSpan duration)
{
    var run = new Run(1_000_000);
    Run.Current = run;
    var started = Stopwatch.GetTimestamp();
    await Task.WhenAll(Enumerable.Range(0, producers).Select(producer => Task.Run(async () =>
    {
        while (Stopwatch.GetElapsedTime(started) < duration && run.Next() is var sequence and >= 0)
        {
            await produce(run, producer, sequence);
        }
    })));
    await run.FinishAsync(runTimeout);
    return run.Produced / Stopwatch.GetElapsedTime(started).TotalSeconds;
}

// Open loop: events are due at a fixed rate whatever the consumers do; latency per event.
async Task<double[]> MeasureLatencyAsync(Func<Run, int, int, Task> produce, double rate, TimeSpan duration)
{
    var count = (int)(rate * duration.TotalSeconds);
    var run = new Run(count);
    Run.Current = run;
    var started = Stopwatch.GetTimestamp();
    await Task.WhenAll(Enumerable.Range(0, producers).Select(producer => Task.Run(async () =>
    {
        while (run.Next() is var sequence and >= 0)
        {
            var due = TimeSpan.FromSeconds(sequence / rate) - Stopwatch.GetElapsedTime(started);
            if (due > TimeSpan.FromMilliseconds(1))
            {
                await Task.Delay(due);
            }

            await produce(run, producer, sequence);
        }
    })));
    await run.FinishAsync(runTimeout);
    return run.LatenciesMs();
}

static double Median(List<double> values)
{
    var sorted = values.Order().ToArray();
    return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
}

// Other work on the machine slows every path; the figures are only comparable within one run.
static string LoadAverage() =>
    File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

static string Verdict(bool met) => met ? "met" : "MISSED";

int IntArgument(string name, int fallback)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
}

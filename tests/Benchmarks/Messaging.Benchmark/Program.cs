using System.Diagnostics;
using System.Globalization;
using Benchmarks.Support;
using Messaging.Benchmark;
using Microsoft.EntityFrameworkCore;
using PartnerPlatform.Testing;

// End-to-end throughput (commit → consumer's committed effect) of four paths in one run, on the
// private servers: the outbox (AddMessaging: commit, relay, inbox consumer), a direct MassTransit
// publish after the commit (same consumer), raw RabbitMQ.Client awaiting each confirm (the same
// work per event as a publish that awaits its confirm) and raw RabbitMQ.Client with pipelined
// confirms (a window of outstanding confirms per producer, as PerfTest publishes; same database
// work). Then the relay alone: a backlog of events committed at once, drained by the relay, against
// the same number published by the pipelined client. Last, the outbox's commit→consume latency at
// half its measured maximum rate.
// Usage: dotnet run -c Release --project tests/Benchmarks/Messaging.Benchmark -- [--seconds 3] [--rounds 3] [--producers 8] [--latency-seconds 4]
//        [--window 64] [--drain 3000] [--relay-batch 100]
var seconds = IntArgument("--seconds", 3);
var rounds = IntArgument("--rounds", 3);
var producers = IntArgument("--producers", 8);
var latencySeconds = IntArgument("--latency-seconds", 4);
var window = IntArgument("--window", 64);
var drain = IntArgument("--drain", 3000);
int? relayBatch = Array.IndexOf(args, "--relay-batch") >= 0 ? IntArgument("--relay-batch", 100) : null;
var loadAtStart = MachineLoad.Now();
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

    await using var massTransit = await MassTransitPaths.StartAsync(database.ConnectionString, broker.ConnectionUri, relayBatch);
    await using var raw = await RawPath.StartAsync(database.ConnectionString, broker.ConnectionUri, producers, window);
    var paths = new (string Name, Func<Run, int, int, Task> Produce)[]
    {
        ("outbox (commit, relay, inbox consumer)", (run, _, sequence) => massTransit.ThroughOutboxAsync(run, sequence)),
        ("direct MassTransit publish after commit", (run, _, sequence) => massTransit.DirectAsync(run, sequence)),
        ("raw RabbitMQ.Client, awaiting each confirm", raw.PublishAsync),
        ("raw RabbitMQ.Client, pipelined confirms", raw.PublishPipelinedAsync),
    };

    Console.WriteLine($"{Environment.ProcessorCount} cores, load average {loadAtStart}; {producers} producers; {seconds} s of producing per measurement; {rounds} rounds, paths alternating, medians reported; " +
                      $"pipelined window {window} confirms per producer; relay batch {relayBatch?.ToString(CultureInfo.InvariantCulture) ?? "default"}");
    foreach (var (_, produce) in paths)
    {
        _ = await MeasureAsync(produce, TimeSpan.FromSeconds(1));
    }

    var rates = paths.Select(_ => new List<double>()).ToArray();
    var cpuPerEvent = paths.Select(_ => new List<ProcessCpu>()).ToArray();
    for (var round = 0; round < rounds; round++)
    {
        for (var p = 0; p < paths.Length; p++)
        {
            var cpuBefore = ProcessCpu.Now();
            var (rate, events) = await MeasureAsync(paths[p].Produce, TimeSpan.FromSeconds(seconds));
            var cpu = ProcessCpu.Now() - cpuBefore;
            rates[p].Add(rate);
            cpuPerEvent[p].Add(new ProcessCpu(cpu.Machine / events, cpu.Database / events, cpu.Broker / events, cpu.Benchmark / events, cpu.Cache / events));
        }
    }

    raw.ThrowIfPublishesFailed();
    var medians = rates.Select(Median).ToArray();

    var latencyRate = medians[0] / 2;
    // The same offered rate through every path: the other two show what the machine itself costs.
    var latencies = new List<double[]>();
    foreach (var (_, produce) in paths)
    {
        latencies.Add(await MeasureLatencyAsync(produce, latencyRate, TimeSpan.FromSeconds(latencySeconds)));
    }

    // The relay alone (last: the consumers work through these events long after): a backlog committed
    // at once and drained, against the pipelined client
    // publishing as many; rounds alternate, CPU per event of every process measured alongside.
    Run.Current = null;
    var drains = new Dictionary<string, List<(double PerSecond, ProcessCpu Cpu)>> { ["relay"] = [], ["pipelined"] = [] };
    for (var round = 0; round < rounds; round++)
    {
        foreach (var (name, drainOnce) in new (string, Func<int, Task<TimeSpan>>)[] { ("relay", massTransit.DrainAsync), ("pipelined", raw.DrainAsync) })
        {
            var cpuBefore = ProcessCpu.Now();
            var elapsed = await drainOnce(drain);
            drains[name].Add((drain / elapsed.TotalSeconds, ProcessCpu.Now() - cpuBefore));
            Console.WriteLine($"  drain of {drain} events, {name,-9} round {round + 1}: {drains[name][^1].PerSecond:0} events/s");
        }
    }

    Console.WriteLine();
    Console.WriteLine($"| path | events/s (median) | rounds | latency p50 / p95 / p99 at {latencyRate:0} events/s | CPU per event: machine / PostgreSQL / .NET / RabbitMQ (median round) |");
    Console.WriteLine("|---|---:|---|---|---|");
    for (var p = 0; p < paths.Length; p++)
    {
        var perRound = string.Join(" / ", rates[p].Select(r => r.ToString("0", CultureInfo.InvariantCulture)));
        var latency = latencies[p];
        var cpu = cpuPerEvent[p].OrderBy(c => c.Machine).ElementAt(cpuPerEvent[p].Count / 2);
        Console.WriteLine($"| {paths[p].Name} | {medians[p]:0} | {perRound} | {Run.Percentile(latency, 50):0.0} / {Run.Percentile(latency, 95):0.0} / {Run.Percentile(latency, 99):0.0} ms | " +
                          $"{cpu.Machine.TotalMicroseconds:0} / {cpu.Database.TotalMicroseconds:0} / {cpu.Benchmark.TotalMicroseconds:0} / {cpu.Broker.TotalMicroseconds:0} µs |");
    }

    Console.WriteLine();
    Console.WriteLine($"| drain of {drain} committed events | events/s (median) | rounds | machine CPU per event | PostgreSQL | .NET (relay, consumers) | RabbitMQ |");
    Console.WriteLine("|---|---:|---|---:|---:|---:|---:|");
    foreach (var (name, runs) in drains)
    {
        var median = runs.OrderBy(r => r.PerSecond).ElementAt(runs.Count / 2);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {(name == "relay" ? "outbox relay (claim, publish, mark sent)" : $"raw RabbitMQ.Client, window of {window} confirms")} | {median.PerSecond:0} | {string.Join(" / ", runs.Select(r => r.PerSecond.ToString("0", CultureInfo.InvariantCulture)))} | " +
            $"{median.Cpu.Machine.TotalMicroseconds / drain:0} µs | {median.Cpu.Database.TotalMicroseconds / drain:0} µs | {median.Cpu.Benchmark.TotalMicroseconds / drain:0} µs | {median.Cpu.Broker.TotalMicroseconds / drain:0} µs |"));
    }

    var outboxToPipelined = medians[0] / medians[3];
    var outboxToAwaiting = medians[0] / medians[2];
    var outboxToDirect = medians[0] / medians[1];
    var relayDrain = Median(drains["relay"].Select(r => r.PerSecond).ToList());
    var pipelinedDrain = Median(drains["pipelined"].Select(r => r.PerSecond).ToList());
    var p95 = Run.Percentile(latencies[0], 95);
    var goals = new Goals("events");
    goals.Add("outbox relay drain / pipelined raw publisher, events/s", Goals.Format(relayDrain / pipelinedDrain, "0.00") + $" ({relayDrain:0} vs {pipelinedDrain:0}/s)", ">= 0.5", relayDrain / pipelinedDrain >= 0.5);
    goals.Add("outbox / raw pipelined, end to end events/s", Goals.Format(outboxToPipelined, "0.00") + $" ({medians[0]:0} vs {medians[3]:0}/s)", ">= 0.5", outboxToPipelined >= 0.5);
    goals.Add("outbox / raw awaiting each confirm (same work), end to end", Goals.Format(outboxToAwaiting, "0.00") + $" ({medians[0]:0} vs {medians[2]:0}/s)");
    goals.Add("outbox / direct MassTransit publish, end to end", Goals.Format(outboxToDirect, "0.00"));
    goals.Add($"outbox commit→consume p95 at half the outbox's max ({latencyRate:0} events/s)", Goals.Format(p95, "0.0") + " ms", "<= 50 ms", p95 <= 50);
    goals.Print(loadAtStart);
    Console.WriteLine($"Total run time {total.Elapsed.TotalSeconds:0} s.");
}
finally
{
    await broker.DisposeAsync();
    await database.DisposeAsync();
}

// Closed loop: producers go as fast as commits and confirms allow for a while; the clock stops at
// the last effect, so a path whose consumers lag behind its producers is not flattered.
async Task<(double PerSecond, int Events)> MeasureAsync(Func<Run, int, int, Task> produce, TimeSpan duration)
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
    return (run.Produced / Stopwatch.GetElapsedTime(started).TotalSeconds, Math.Max(1, run.Produced));
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

static double Median(IReadOnlyList<double> values)
{
    var sorted = values.Order().ToArray();
    return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
}

int IntArgument(string name, int fallback)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
}

using System.Diagnostics;
using System.Diagnostics.Metrics;
using PartnerPlatform.Redis;

namespace Redis.Benchmark;

/// <summary>N callers issuing one command after another through one shared client, for a fixed time.</summary>
internal sealed class ClientThroughput(RedisClient client, BenchmarkSettings settings)
{
    private readonly string[] _keys = settings.Keys();
    private readonly byte[] _value = Enumerable.Repeat((byte)'x', settings.ValueSize).ToArray();

    /// <summary>Runs both commands for a while so the measured runs see optimised code and a warm thread pool.</summary>
    public async Task WarmUpAsync()
    {
        await RunAsync("SET", TimeSpan.FromSeconds(1.5));
        await RunAsync("GET", TimeSpan.FromSeconds(1.5));
    }

    public async Task<ClientMeasurement> MeasureAsync(string operation)
    {
        long socketWrites = 0;
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == RedisMetrics.MeterName && instrument.Name == "redis.client.socket_writes")
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref socketWrites, value));
        listener.Start();

        using var process = Process.GetCurrentProcess();
        var processorTime = process.TotalProcessorTime;
        var allocated = GC.GetTotalAllocatedBytes(precise: false);
        var stopwatch = Stopwatch.StartNew();
        var operations = await RunAsync(operation, TimeSpan.FromSeconds(settings.Seconds));
        var elapsed = stopwatch.Elapsed.TotalSeconds;
        process.Refresh();
        return new ClientMeasurement(
            operations / elapsed,
            (process.TotalProcessorTime - processorTime).TotalMicroseconds / operations,
            (GC.GetTotalAllocatedBytes(precise: false) - allocated) / operations,
            (double)operations / Math.Max(1, Interlocked.Read(ref socketWrites)));
    }

    private async Task<long> RunAsync(string operation, TimeSpan duration)
    {
        using var stop = new CancellationTokenSource(duration);
        var workers = Enumerable.Range(0, settings.Callers).Select(worker => Task.Run(async () =>
        {
            var random = new Random(worker);
            long done = 0;
            while (!stop.IsCancellationRequested)
            {
                var key = _keys[random.Next(_keys.Length)];
                if (operation == "SET")
                {
                    await client.SetAsync(key, _value);
                }
                else
                {
                    await client.GetAsync(key);
                }

                done++;
            }

            return done;
        })).ToArray();
        return (await Task.WhenAll(workers)).Sum();
    }
}

/// <summary>
/// Throughput; CPU time of this whole process (callers included) and allocation per command; commands
/// per socket write (the pipelining depth reached).
/// </summary>
internal sealed record ClientMeasurement(double OperationsPerSecond, double ProcessorMicrosecondsPerOperation, long BytesPerOperation, double CommandsPerWrite);

using System.Globalization;
using PartnerPlatform.Redis;
using PartnerPlatform.Testing;
using Redis.Benchmark;

// GET/SET throughput of the platform's client (one multiplexed connection, N concurrent callers)
// against redis-benchmark at comparable pipelining, on the same server in the same run.
// Usage: dotnet run -c Release --project tests/Benchmarks/Redis.Benchmark -- [--seconds 2] [--rounds 5] [--callers 50] [--connection "host:port,password=…"]
var settings = BenchmarkSettings.FromArguments(args);
RedisDatabaseFixture? database = null;
var connectionString = settings.ConnectionString;
if (connectionString is null)
{
    // A database number of its own on the private server, flushed before and after.
    database = new RedisDatabaseFixture();
    await database.InitializeAsync();
    connectionString = database.ConnectionString;
}

try
{
    var options = RedisOptions.Parse(connectionString);
    Console.WriteLine($"Redis {options.Host}:{options.Port} db {options.Database}; {Environment.ProcessorCount} cores; " +
                      $"{settings.Callers} callers; value {settings.ValueSize} bytes; {settings.KeySpace} keys; {settings.Seconds} s per measurement, {settings.Rounds} rounds");

    await using var redisClient = new RedisClient(options);
    var client = new ClientThroughput(redisClient, settings);
    await client.WarmUpAsync();

    // Client and baseline take turns (alternating which goes first) for several rounds; the ratio is
    // the median of each round's ratio, so a load spike on this shared machine hits a pair, not the result.
    var rows = new List<(string Operation, double Client, double Baseline, double Ratio, double Unpipelined)>();
    foreach (var operation in new[] { "SET", "GET" })
    {
        var clientRounds = new List<double>();
        var baselineRounds = new List<double>();
        var ratios = new List<double>();
        for (var round = 1; round <= settings.Rounds; round++)
        {
            ClientMeasurement measured;
            double baseline;
            if (round % 2 == 1)
            {
                measured = await client.MeasureAsync(operation);
                baseline = await RedisBenchmarkTool.MeasureAsync(options, operation, connections: 1, pipeline: settings.Callers, settings);
            }
            else
            {
                baseline = await RedisBenchmarkTool.MeasureAsync(options, operation, connections: 1, pipeline: settings.Callers, settings);
                measured = await client.MeasureAsync(operation);
            }

            clientRounds.Add(measured.OperationsPerSecond);
            baselineRounds.Add(baseline);
            ratios.Add(measured.OperationsPerSecond / baseline);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{operation} round {round}: client {measured.OperationsPerSecond:N0} ops/s ({measured.ProcessorMicrosecondsPerOperation:0.0} µs CPU, {measured.BytesPerOperation} bytes allocated per command; {measured.CommandsPerWrite:0.0} commands per socket write), redis-benchmark {baseline:N0} ops/s, ratio {ratios[^1]:0.00}"));
        }

        var unpipelined = await RedisBenchmarkTool.MeasureAsync(options, operation, connections: settings.Callers, pipeline: 1, settings);
        rows.Add((operation, Median(clientRounds), Median(baselineRounds), Median(ratios), unpipelined));
    }

    Console.WriteLine();
    Console.WriteLine($"Medians of {settings.Rounds} rounds:");
    Console.WriteLine($"| op  | our client, 1 connection, {settings.Callers} callers | redis-benchmark -c 1 -P {settings.Callers} | ratio | redis-benchmark -c {settings.Callers} -P 1 |");
    Console.WriteLine("|-----|------------------:|------------------:|------:|------------------:|");
    foreach (var (operation, ours, baseline, ratio, unpipelined) in rows)
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {operation} | {ours,14:N0} ops/s | {baseline,14:N0} ops/s | {ratio,5:0.00} | {unpipelined,14:N0} ops/s |"));
    }

    var worst = rows.Min(r => r.Ratio);
    Console.WriteLine();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Lowest ratio {worst:0.00} (goal >= 0.50): {(worst >= 0.5 ? "met" : "NOT met")}"));
}
finally
{
    if (database is not null)
    {
        await database.DisposeAsync();
    }
}

static double Median(List<double> values)
{
    var sorted = values.Order().ToList();
    return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
}

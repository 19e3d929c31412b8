using System.Diagnostics;
using System.Globalization;
using PartnerPlatform.Redis;

namespace Redis.Benchmark;

/// <summary>Runs redis-benchmark (shipped with redis-server) for one command and reads its requests per second.</summary>
internal static class RedisBenchmarkTool
{
    public static async Task<double> MeasureAsync(RedisOptions options, string operation, int connections, int pipeline, BenchmarkSettings settings)
    {
        // redis-benchmark counts requests, not time: a short calibration run sizes the real one.
        var calibration = await RunAsync(options, operation, connections, pipeline, settings, requests: 20_000);
        var requests = (int)Math.Clamp(calibration * settings.Seconds, 20_000, 50_000_000);
        return await RunAsync(options, operation, connections, pipeline, settings, requests);
    }

    private static async Task<double> RunAsync(RedisOptions options, string operation, int connections, int pipeline, BenchmarkSettings settings, int requests)
    {
        var start = new ProcessStartInfo("redis-benchmark")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
                 {
                     "-h", options.Host, "-p", Text(options.Port), "--dbnum", Text(options.Database),
                     "-t", operation.ToLowerInvariant(), "-n", Text(requests), "-c", Text(connections), "-P", Text(pipeline),
                     "-d", Text(settings.ValueSize), "-r", Text(settings.KeySpace), "--csv",
                 })
        {
            start.ArgumentList.Add(argument);
        }

        if (options.Password is not null)
        {
            start.ArgumentList.Add("-a");
            start.ArgumentList.Add(options.Password);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("redis-benchmark did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds((settings.Seconds * 4) + 30));
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill();
            throw new TimeoutException("redis-benchmark ran too long.");
        }

        // CSV: "test","rps","avg_latency_ms",… then one line per test.
        var line = (await output).Split('\n').FirstOrDefault(l => l.StartsWith($"\"{operation}\"", StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"redis-benchmark printed no {operation} line: {await output} {await errors}");
        return double.Parse(line.Split(',')[1].Trim('"'), CultureInfo.InvariantCulture);
    }

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}

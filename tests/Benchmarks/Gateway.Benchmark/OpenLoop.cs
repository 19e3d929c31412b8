using System.Diagnostics;
using System.Net.Http.Headers;

namespace Gateway.Benchmark;

/// <summary>Latency percentiles of one open-loop run, in milliseconds.</summary>
internal sealed record OpenLoopResult(double OfferedPerSecond, int Requests, double P50, double P99);

/// <summary>
/// An open-loop driver: requests are due at a fixed rate whatever the answers do, and each one's
/// latency runs from the moment it was due (not from when it was sent), so a stall delays every
/// request due during it and shows in the percentiles instead of lowering the offered rate.
/// Percentiles are exact: every latency is kept and sorted.
/// </summary>
internal static class OpenLoop
{
    public static async Task<OpenLoopResult> RunAsync(Uri url, string token, double ratePerSecond, TimeSpan duration, int maxConnections, CancellationToken cancellationToken)
    {
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = maxConnections, UseProxy = false, AllowAutoRedirect = false };
        using var client = new HttpMessageInvoker(handler);
        var authorization = new AuthenticationHeaderValue("Bearer", token);
        var count = (int)(ratePerSecond * duration.TotalSeconds);
        var latencies = new double[count];
        var failures = 0;
        var sends = new Task[count];
        var ticksBetween = Stopwatch.Frequency / ratePerSecond;
        var start = Stopwatch.GetTimestamp();
        for (var i = 0; i < count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var due = start + (long)(i * ticksBetween);
            var early = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
            if (early > TimeSpan.FromMilliseconds(1))
            {
                await Task.Delay(early, cancellationToken);
            }

            sends[i] = SendAsync(i, due);
        }

        await Task.WhenAll(sends);
        if (failures > 0)
        {
            throw new InvalidOperationException($"{url}: {failures} of {count} requests failed at {ratePerSecond:0} req/s — the measurement is not valid.");
        }

        Array.Sort(latencies);
        return new OpenLoopResult(ratePerSecond, count, Percentile(latencies, 0.50), Percentile(latencies, 0.99));

        async Task SendAsync(int index, long due)
        {
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, url);
                request.Headers.Authorization = authorization;
                using var response = await client.SendAsync(request, cancellationToken);
                await response.Content.CopyToAsync(Stream.Null, cancellationToken);
                if (!response.IsSuccessStatusCode)
                {
                    Interlocked.Increment(ref failures);
                }
            }
            catch (HttpRequestException)
            {
                Interlocked.Increment(ref failures);
            }

            latencies[index] = Stopwatch.GetElapsedTime(due).TotalMilliseconds;
        }
    }

    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
}

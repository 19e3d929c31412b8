using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Benchmarks.Support;

namespace Coupons.Benchmark;

/// <summary>
/// One issue at a time, end to end, for a number of issues: the database commands per issue (from
/// Npgsql's activities, those inside the HTTP request's trace apart from the rest, such as the
/// outbox relay's), the time of each command, the time the server spent on the request outside
/// the database (routing, token check, idempotency filter, validation, JSON, EF), the client's
/// round trip and the bytes allocated by this process (client, service and relay) per issue.
/// </summary>
internal static class IssueProfile
{
    public static async Task PrintAsync(string path, int issues, Func<Task> issueOne)
    {
        var requests = new ConcurrentDictionary<ActivityTraceId, double>();
        var commands = new ConcurrentBag<(ActivityTraceId Trace, string Statement, double Milliseconds)>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is "Npgsql" or "Microsoft.AspNetCore",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                if (activity.Source.Name == "Npgsql")
                {
                    commands.Add((activity.TraceId, StatementOf(activity), activity.Duration.TotalMilliseconds));
                }
                else if (activity.OperationName == "Microsoft.AspNetCore.Hosting.HttpRequestIn")
                {
                    requests[activity.TraceId] = activity.Duration.TotalMilliseconds;
                }
            },
        };
        ActivitySource.AddActivityListener(listener);
        var roundTrips = new List<double>(issues);
        var allocatedAtStart = GC.GetTotalAllocatedBytes(precise: true);
        var cpuAtStart = ProcessCpu.Now();
        for (var i = 0; i < issues; i++)
        {
            var started = Stopwatch.GetTimestamp();
            await issueOne();
            roundTrips.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        var cpu = ProcessCpu.Now() - cpuAtStart;
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedAtStart;
        await Task.Delay(500);
        var all = commands.ToArray();
        var inRequest = all.Where(c => requests.ContainsKey(c.Trace)).ToArray();
        var outside = all.Where(c => !requests.ContainsKey(c.Trace)).ToArray();
        var serverMs = requests.Values.Count == 0 ? 0 : Median(requests.Values);
        var databaseInRequestMs = inRequest.GroupBy(c => c.Trace).Select(g => g.Sum(c => c.Milliseconds)).ToArray();
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"profile, {path}, {issues} issues one at a time: client round trip median {Median(roundTrips):F3} ms; allocated {allocated / (double)issues / 1024:F1} KiB per issue (whole process); CPU per issue: this process {cpu.Benchmark.TotalMicroseconds / issues:F0} µs, PostgreSQL {cpu.Database.TotalMicroseconds / issues:F0} µs (all of the server's processes, other work included), machine {cpu.Machine.TotalMicroseconds / issues:F0} µs"));
        if (requests.IsEmpty)
        {
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"  database commands per issue: {all.Length / (double)issues:F2}, median {Median(all.Select(c => c.Milliseconds)):F3} ms each"));
        }
        else
        {
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"  server request median {serverMs:F3} ms, of which database commands {Median(databaseInRequestMs):F3} ms; outside the database {serverMs - Median(databaseInRequestMs):F3} ms; client and loopback HTTP {Median(roundTrips) - serverMs:F3} ms"));
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"  database commands per issue inside the request: {inRequest.Length / (double)requests.Count:F2}; outside requests (relay): {outside.Length / (double)issues:F2}"));
        }

        if (all.Length == 0)
        {
            return;
        }

        foreach (var group in all.GroupBy(c => (Request: requests.ContainsKey(c.Trace), c.Statement)).OrderByDescending(g => g.Count()))
        {
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"    {(group.Key.Request ? "request" : "other"),-7} {group.Count() / (double)issues,5:F2} per issue, median {Median(group.Select(c => c.Milliseconds)):F3} ms: {group.Key.Statement}"));
        }
    }

    private static string StatementOf(Activity activity)
    {
        var text = activity.GetTagItem("db.query.text") as string ?? activity.GetTagItem("db.statement") as string ?? activity.DisplayName;
        var oneLine = string.Join(' ', text.Split((char[])['\n', '\r', ' '], StringSplitOptions.RemoveEmptyEntries));
        return oneLine.Length > 90 ? oneLine[..90] + "…" : oneLine;
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? double.NaN : sorted[sorted.Length / 2];
    }
}

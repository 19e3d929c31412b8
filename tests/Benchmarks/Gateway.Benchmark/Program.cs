using System.Globalization;
using System.Runtime.InteropServices;
using Benchmarks.Support;
using Gateway.Benchmark;
using PartnerPlatform.Testing;

// The gateway against nginx in front of the same upstream, in the same run: wrk with the same
// threads and connections calls a trivial endpoint and a one-query endpoint through nginx
// (proxy_pass, upstream keepalive) and through the gateway (token check, both rate-limit
// windows, YARP forwarding), the two proxies alternating for several rounds; medians are reported
// with the CPU per request of the gateway, of nginx (master and workers) and of the upstream (this
// process). Then an open-loop driver offers half the gateway's median throughput to the upstream
// directly, through nginx and through the gateway, for the p50 each proxy adds and the p99s.
// Usage: tests/Benchmarks/Gateway.Benchmark/run.sh [--seconds 5] [--warmup 1] [--warmup-requests 50000] [--rounds 3] [--latency-seconds 3]
//        [--connections 32] [--threads 1] [--nginx-workers auto] [--gateway-env NAME=VALUE]... [--gateway-b-env NAME=VALUE]... | [--bare-yarp]
if (args is [BareYarp.Verb, ..])
{
    await BareYarp.RunAsync();
    return 0;
}

var settings = BenchmarkSettings.FromArguments(args);
var labelB = settings.BareYarp ? "bare YARP" : "gateway B";
if (!Wrk.IsInstalled())
{
    Console.Error.WriteLine("wrk is not installed: apt-get install -y wrk (run.sh does this when run as root).");
    return 2;
}

var root = ServerEnvironment.Current.RepositoryRoot ?? throw new InvalidOperationException("Repository root not found.");
var gatewayDll = Path.Combine(root, "gateway", "Gateway", "bin", "Release", "net10.0", "Gateway.dll");
if (!File.Exists(gatewayDll))
{
    Console.Error.WriteLine("Build the gateway first: dotnet build gateway/Gateway/Gateway.csproj -c Release (run.sh does this).");
    return 2;
}

// Ctrl+C or SIGTERM stops after the current run, so the databases are still dropped.
using var stopping = new CancellationTokenSource();
using var onInterrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
using var onTerminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);

var loadAtStart = MachineLoad.Now();
var database = new PostgresDatabaseFixture();
var redis = new RedisDatabaseFixture();
await database.InitializeAsync();
await redis.InitializeAsync();
try
{
    await using var upstream = await Upstream.StartAsync(database.ConnectionString, maxPoolSize: settings.Connections);
    var (startedNginx, nginxSkipped) = await NginxProcess.TryStartAsync(upstream.Address, settings.NginxWorkers);
    await using var nginx = startedNginx;
    if (nginx is null)
    {
        Console.Error.WriteLine($"nginx is the baseline and cannot run: {nginxSkipped}");
        return 2;
    }

    var token = BenchmarkToken.Issue();
    var environment = new Dictionary<string, string>(BenchmarkToken.Environment)
    {
        ["ConnectionStrings__redis"] = redis.ConnectionString,
        ["services__identity-api__http__0"] = upstream.Address.ToString(),
        ["services__opportunities-api__http__0"] = upstream.Address.ToString(),
        // opportunities-api is not shipped yet, so its cluster has no destination in appsettings.json.
        ["ReverseProxy__Clusters__opportunities-api__Destinations__primary__Address"] = "http://opportunities-api",
        // Limits set high enough never to deny; with the gateway's RateLimiting:LeaseSize (appsettings.json)
        // they are taken from Redis one lease at a time (docs/adr/0045); RateLimiting__LeaseSize=0 checks every request.
        ["RateLimiting__Limit"] = "1000000000",
    };
    foreach (var (name, value) in settings.GatewayEnvironment)
    {
        environment[name] = value;
    }

    Console.WriteLine($"{Environment.ProcessorCount} cores, load average {loadAtStart}; wrk -t{settings.Threads} -c{settings.Connections}; {settings.Rounds} rounds of " +
                      $"{settings.Seconds} s per proxy after {settings.WarmupSeconds} s of warm-up, proxies alternating, medians reported; wrk, both proxies, upstream, Redis and PostgreSQL share the machine.");
    Console.WriteLine($"baseline: {nginx.Version}, worker_processes {settings.NginxWorkers} ({nginx.Workers} workers), keepalive 64 to the upstream, access log off");
    if (settings.GatewayEnvironment.Count > 0)
    {
        Console.WriteLine("gateway environment: " + string.Join(' ', settings.GatewayEnvironment.Select(e => $"{e.Key}={e.Value}")));
    }

    if (settings.BareYarp)
    {
        Console.WriteLine("bare YARP (rounds alternating with the gateway and nginx): one catch-all route, no token check, rate limits, header rules or telemetry; the gateway's GC and thread-pool settings");
    }
    else if (settings.GatewayBEnvironment.Count > 0)
    {
        Console.WriteLine("gateway B (rounds alternating with the gateway and nginx), environment on top: " + string.Join(' ', settings.GatewayBEnvironment.Select(e => $"{e.Key}={e.Value}")));
    }

    var scenarios = new (string Name, string Path, double Goal)[]
    {
        ("trivial endpoint", Upstream.TrivialPath, 0.67),
        ("one-query endpoint", Upstream.QueryPath + "42", 0.85),
    };
    var rows = new List<Row>();
    await using (var gateway = await GatewayProcess.StartAsync(gatewayDll, environment))
    await using (var gatewayB = settings.BareYarp
                     ? await GatewayProcess.StartAsync(typeof(BareYarp).Assembly.Location, new Dictionary<string, string>(BareYarp.RuntimeEnvironment) { [BareYarp.UpstreamVariable] = upstream.Address.ToString() }, BareYarp.Verb)
                     : settings.GatewayBEnvironment.Count == 0
                         ? null
                         : await GatewayProcess.StartAsync(gatewayDll, new Dictionary<string, string>(environment.Concat(settings.GatewayBEnvironment).GroupBy(e => e.Key).ToDictionary(g => g.Key, g => g.Last().Value))))
    {
        // A fresh process runs unoptimised code for its first seconds (longer on a loaded machine, where
        // the background compiler waits for a core); let tiered compilation settle first.
        foreach (var (name, path, _) in scenarios)
        {
            foreach (var (label, started) in new[] { ("gateway", gateway), (labelB, gatewayB) }.Where(g => g.Item2 is not null))
            {
                var (requests, seconds, settled) = await WarmUpAsync(new Uri(started!.Address, path), settings, token);
                Console.WriteLine($"{name}: {label} warmed up with {requests:N0} requests in {seconds} s, " +
                                  (settled ? "throughput settled" : "throughput still moving after 60 s"));
            }
        }

        foreach (var (name, path, goal) in scenarios)
        {
            rows.Add(await MeasureAsync(name, path, goal, upstream, nginx, gateway, gatewayB, token));
        }
    }

    Console.WriteLine();
    Console.WriteLine("| endpoint | via nginx req/s | via gateway req/s | gateway / nginx | goal | nginx CPU per request | gateway CPU per request | gateway / nginx CPU | upstream | Redis (gateway runs) | PostgreSQL | machine per request via nginx / via gateway | rounds (nginx ; gateway req/s) |");
    Console.WriteLine("|---|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---|");
    foreach (var row in rows)
    {
        Console.WriteLine(row.ThroughputMarkdown());
    }

    Console.WriteLine();
    Console.WriteLine("| endpoint | offered (open loop) | p50 direct | p50 via nginx | p50 via gateway | added by nginx | added by gateway | p99 direct | p99 via nginx | p99 via gateway | gateway / nginx p99 |");
    Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    foreach (var row in rows)
    {
        Console.WriteLine(row.LatencyMarkdown());
    }

    if (rows.Any(r => r.GatewayB is not null))
    {
        Console.WriteLine();
        Console.WriteLine($"| endpoint | gateway req/s | {labelB} req/s | {labelB} / gateway | {labelB} / nginx | gateway CPU per request | {labelB} CPU per request | p50 added by the gateway | p50 added by {labelB} | rounds (gateway ; {labelB} req/s) |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---|");
        foreach (var row in rows)
        {
            var b = row.GatewayB!;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {row.Name} | {row.GatewayRate:N0} | {row.RateB:N0} | {row.RateB / row.GatewayRate:0.00} | {row.RateB / row.NginxRate:0.00} | {row.GatewayCpu.TotalMicroseconds:0} µs | {row.CpuB.TotalMicroseconds:0} µs | " +
                $"{row.AddedByGateway:+0.000;-0.000} ms | {row.AddedByB:+0.000;-0.000} ms | " +
                $"{string.Join(" / ", row.GatewayRates.Select(r => r.ToString("N0", CultureInfo.InvariantCulture)))} ; {string.Join(" / ", b.Select(s => s.PerSecond.ToString("N0", CultureInfo.InvariantCulture)))} |"));
        }
    }

    var goals = new Goals("gateway");
    foreach (var row in rows)
    {
        goals.Add($"gateway / nginx req/s, {row.Name}", Goals.Format(row.Ratio, "0.00"), $">= {row.Goal:0.00}", row.Ratio >= row.Goal);
        goals.Add($"gateway / nginx CPU per request, {row.Name}", Goals.Format(row.CpuRatio, "0.00") + $" ({row.GatewayCpu.TotalMicroseconds:0} vs {row.NginxCpu.TotalMicroseconds:0} µs)", "<= 1.5", row.CpuRatio <= 1.5);
        goals.Add($"p50 added by the gateway at half load, {row.Name}", Goals.Format(row.AddedByGateway, "0.000") + " ms", "<= 0.5 ms", row.AddedByGateway <= 0.5);
        goals.Add($"p50 added by nginx at half load, {row.Name}", Goals.Format(row.AddedByNginx, "0.000") + " ms");
        goals.Add($"p99 gateway / nginx at half load, {row.Name}", Goals.Format(row.P99Ratio, "0.00") + $" ({row.Gateway99:0.00} vs {row.Nginx99:0.00} ms)", "<= 1.5", row.P99Ratio <= 1.5);
        if (settings.BareYarp)
        {
            // The floor of the tool on this machine: YARP alone against nginx, and what the gateway's own work costs beyond it.
            goals.Add($"bare YARP / nginx req/s, {row.Name}", Goals.Format(row.RateB / row.NginxRate, "0.00") + $" ({row.CpuB.TotalMicroseconds:0} µs of CPU per request)");
            goals.Add($"gateway / bare YARP req/s, {row.Name}", Goals.Format(row.GatewayRate / row.RateB, "0.00"));
            goals.Add($"p50 added by bare YARP at half load, {row.Name}", Goals.Format(row.AddedByB, "0.000") + " ms");
        }
    }

    goals.Print(loadAtStart);
    return 0;
}
catch (Exception) when (stopping.IsCancellationRequested)
{
    // Ctrl+C also reaches wrk, the gateway and nginx (same process group): whatever failed after it is the stop.
    Console.Error.WriteLine("Stopped.");
    return 130;
}
finally
{
    await redis.DisposeAsync();
    await database.DisposeAsync();
}

async Task<Row> MeasureAsync(string name, string path, double goal, Upstream upstream, NginxProcess nginx, GatewayProcess gateway, GatewayProcess? gatewayB, string token)
{
    var gatewayBRuns = gatewayB is null ? null : new List<Sample>();
    var viaNginx = new Uri(nginx.Address, path);
    var viaGateway = new Uri(gateway.Address, path);
    var direct = new Uri(upstream.Address, path);
    var nginxRuns = new List<Sample>();
    var gatewayRuns = new List<Sample>();
    for (var round = 1; round <= settings.Rounds; round++)
    {
        nginxRuns.Add(await SampleAsync(name, "via nginx", viaNginx, nginx.CpuTime, token));
        gatewayRuns.Add(await SampleAsync(name, "via gateway", viaGateway, gateway.CpuTime, token));
        if (gatewayB is not null)
        {
            gatewayBRuns!.Add(await SampleAsync(name, "via " + labelB, new Uri(gatewayB.Address, path), gatewayB.CpuTime, token));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{name}, round {round}: via {labelB} {gatewayBRuns[^1].PerSecond:N0} req/s ({gatewayBRuns[^1].ProxyCpu.TotalMicroseconds:0} µs of its CPU per request)"));
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name}, round {round}: via nginx {nginxRuns[^1].PerSecond:N0} req/s ({nginxRuns[^1].ProxyCpu.TotalMicroseconds:0} µs of nginx CPU per request), " +
            $"via gateway {gatewayRuns[^1].PerSecond:N0} req/s ({gatewayRuns[^1].ProxyCpu.TotalMicroseconds:0} µs of gateway CPU per request)"));
    }

    // Half of what the gateway sustains, offered to all three paths; the rounds alternate them too.
    var rate = Median(gatewayRuns.Select(r => r.PerSecond)) / 2;
    var latencies = new Dictionary<string, List<OpenLoopResult>> { ["direct"] = [], ["nginx"] = [], ["gateway"] = [], ["B"] = [] };
    var paths = new List<(string Key, Uri Url)> { ("direct", direct), ("nginx", viaNginx), ("gateway", viaGateway) };
    if (gatewayB is not null)
    {
        paths.Add(("B", new Uri(gatewayB.Address, path)));
    }

    foreach (var (_, url) in paths)
    {
        await OpenLoop.RunAsync(url, token, rate, TimeSpan.FromSeconds(1), 2 * settings.Connections, stopping.Token);
    }

    for (var round = 1; round <= settings.Rounds; round++)
    {
        foreach (var (key, url) in paths)
        {
            latencies[key].Add(await OpenLoop.RunAsync(url, token, rate, TimeSpan.FromSeconds(settings.LatencySeconds), 2 * settings.Connections, stopping.Token));
        }

        var viaB = gatewayB is null ? "" : string.Create(CultureInfo.InvariantCulture, $", via {labelB} {latencies["B"][^1].P50:0.000} / {latencies["B"][^1].P99:0.00} ms");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name} at {rate:N0} req/s offered, round {round}: p50 / p99 direct {latencies["direct"][^1].P50:0.000} / {latencies["direct"][^1].P99:0.00} ms, " +
            $"via nginx {latencies["nginx"][^1].P50:0.000} / {latencies["nginx"][^1].P99:0.00} ms, via gateway {latencies["gateway"][^1].P50:0.000} / {latencies["gateway"][^1].P99:0.00} ms{viaB}"));
    }

    return new Row(
        name, goal,
        nginxRuns.Select(r => r.PerSecond).ToArray(), gatewayRuns.Select(r => r.PerSecond).ToArray(),
        MedianTime(nginxRuns.Select(r => r.ProxyCpu)), MedianTime(gatewayRuns.Select(r => r.ProxyCpu)),
        MedianTime(nginxRuns.Concat(gatewayRuns).Select(r => r.UpstreamCpu)),
        MedianTime(nginxRuns.Select(r => r.MachineCpu)), MedianTime(gatewayRuns.Select(r => r.MachineCpu)),
        MedianTime(gatewayRuns.Select(r => r.RedisCpu)), MedianTime(nginxRuns.Concat(gatewayRuns).Select(r => r.PostgresCpu)),
        rate,
        Median(latencies["direct"].Select(l => l.P50)), Median(latencies["nginx"].Select(l => l.P50)), Median(latencies["gateway"].Select(l => l.P50)),
        Median(latencies["direct"].Select(l => l.P99)), Median(latencies["nginx"].Select(l => l.P99)), Median(latencies["gateway"].Select(l => l.P99)),
        gatewayBRuns, latencies["B"].Count == 0 ? double.NaN : Median(latencies["B"].Select(l => l.P50)));
}

// One closed-loop wrk run through a proxy after a warm-up run: its rate and the CPU per request of
// the proxy and of the upstream (this process, which does nothing else meanwhile).
async Task<Sample> SampleAsync(string name, string path, Uri url, Func<TimeSpan> proxyCpu, string token)
{
    stopping.Token.ThrowIfCancellationRequested();
    await Wrk.RunAsync(url, settings, settings.WarmupSeconds, token);
    var proxyBefore = proxyCpu();
    var machineBefore = ProcessCpu.Now();
    var run = await Wrk.RunAsync(url, settings, settings.Seconds, token);
    var proxy = proxyCpu() - proxyBefore;
    var machine = ProcessCpu.Now() - machineBefore;
    if (run.Non2xx > 0 || run.SocketErrors > 0)
    {
        throw new InvalidOperationException($"{name} {path}: {run.Non2xx} non-2xx responses, {run.SocketErrors} socket errors — the measurement is not valid.");
    }

    return new Sample(run.RequestsPerSecond, proxy / run.Requests, machine.Benchmark / run.Requests, machine.Cache / run.Requests, machine.Database / run.Requests, machine.Machine / run.Requests);
}

void Stop(PosixSignalContext context)
{
    context.Cancel = true;
    stopping.Cancel();
}

static double Median(IEnumerable<double> values)
{
    var sorted = values.Order().ToArray();
    return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
}

static TimeSpan MedianTime(IEnumerable<TimeSpan> values) => TimeSpan.FromTicks((long)Median(values.Select(v => (double)v.Ticks)));

// At least --warmup-requests requests, then one-second runs until two in a row agree within 15 %, 60 s at most.
static async Task<(long Requests, int Seconds, bool Settled)> WarmUpAsync(Uri url, BenchmarkSettings settings, string token)
{
    var requests = 0L;
    double? previous = null;
    for (var seconds = 1; seconds <= 60; seconds++)
    {
        var run = await Wrk.RunAsync(url, settings, 1, token);
        requests += run.Requests;
        if (requests >= settings.WarmupRequests && previous is { } last && Math.Abs(run.RequestsPerSecond - last) <= 0.15 * last)
        {
            return (requests, seconds, true);
        }

        previous = run.RequestsPerSecond;
    }

    return (requests, 60, false);
}

/// <summary>One run's rate and CPU per request: the proxy's, the upstream's (this process), Redis's, PostgreSQL's and the whole machine's (wrk included).</summary>
internal sealed record Sample(double PerSecond, TimeSpan ProxyCpu, TimeSpan UpstreamCpu, TimeSpan RedisCpu, TimeSpan PostgresCpu, TimeSpan MachineCpu);

internal sealed record Row(
    string Name, double Goal, double[] NginxRates, double[] GatewayRates, TimeSpan NginxCpu, TimeSpan GatewayCpu, TimeSpan UpstreamCpu,
    TimeSpan NginxMachineCpu, TimeSpan GatewayMachineCpu, TimeSpan RedisCpu, TimeSpan PostgresCpu, double HalfRate, double Direct50, double Nginx50, double Gateway50, double Direct99, double Nginx99, double Gateway99, List<Sample>? GatewayB, double B50)
{
    public double RateB => GatewayB is null ? double.NaN : MedianOf(GatewayB.Select(s => s.PerSecond).ToArray());

    public TimeSpan CpuB => GatewayB is null ? TimeSpan.Zero : TimeSpan.FromTicks((long)MedianOf(GatewayB.Select(s => (double)s.ProxyCpu.Ticks).ToArray()));

    public double AddedByB => B50 - Direct50;

    public double NginxRate => MedianOf(NginxRates);

    public double GatewayRate => MedianOf(GatewayRates);

    public double Ratio => GatewayRate / NginxRate;

    public double CpuRatio => GatewayCpu / NginxCpu;

    public double AddedByNginx => Nginx50 - Direct50;

    public double AddedByGateway => Gateway50 - Direct50;

    public double P99Ratio => Gateway99 / Nginx99;

    public string ThroughputMarkdown() => string.Create(CultureInfo.InvariantCulture,
        $"| {Name} | {NginxRate:N0} | {GatewayRate:N0} | {Ratio:0.00} | >= {Goal:0.00} | {NginxCpu.TotalMicroseconds:0} µs | {GatewayCpu.TotalMicroseconds:0} µs | {CpuRatio:0.00} | {UpstreamCpu.TotalMicroseconds:0} µs | {RedisCpu.TotalMicroseconds:0} µs | {PostgresCpu.TotalMicroseconds:0} µs | {NginxMachineCpu.TotalMicroseconds:0} / {GatewayMachineCpu.TotalMicroseconds:0} µs | " +
        $"{string.Join(" / ", NginxRates.Select(r => r.ToString("N0", CultureInfo.InvariantCulture)))} ; {string.Join(" / ", GatewayRates.Select(r => r.ToString("N0", CultureInfo.InvariantCulture)))} |");

    public string LatencyMarkdown() => string.Create(CultureInfo.InvariantCulture,
        $"| {Name} | {HalfRate:N0} req/s | {Direct50:0.000} ms | {Nginx50:0.000} ms | {Gateway50:0.000} ms | {AddedByNginx:+0.000;-0.000} ms | {AddedByGateway:+0.000;-0.000} ms | {Direct99:0.00} ms | {Nginx99:0.00} ms | {Gateway99:0.00} ms | {P99Ratio:0.00} |");

    private static double MedianOf(double[] values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }
}


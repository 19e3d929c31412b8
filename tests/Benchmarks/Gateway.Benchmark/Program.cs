using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using Gateway.Benchmark;
using PartnerPlatform.Testing;

// The gateway's cost, measured against its own baseline in the same run: wrk with the same
// threads and connections calls an upstream directly and through the gateway (token check,
// two Redis rate-limit windows, YARP forwarding), for a trivial endpoint and a one-query endpoint.
// Then both paths at half the gateway's throughput for the added p50 latency, and the gateway's
// CPU time per request next to the upstream's (the benchmark process, idle but for the upstream
// while wrk runs). Direct and gateway runs alternate for several rounds and each path's best round is
// reported, so a burst of other work on the machine does not decide the ratio. In the same rounds a
// private nginx forwards to the same upstream (no token check, no rate limit): the floor cost of one
// proxy hop on this machine, for reference; without nginx those rows are left out. Bounded: about
// (3 × rounds + 2) × (seconds + warmup) per endpoint, about four minutes in all with the defaults.
// Usage: tests/Benchmarks/Gateway.Benchmark/run.sh [--seconds 8] [--warmup 2] [--rounds 2] [--connections 32] [--threads 1] [--nginx-workers auto]
var settings = BenchmarkSettings.FromArguments(args);
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

// Ctrl+C or SIGTERM stops after the current wrk run, so the databases are still dropped.
using var stopping = new CancellationTokenSource();
using var onInterrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
using var onTerminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);

var database = new PostgresDatabaseFixture();
var redis = new RedisDatabaseFixture();
await database.InitializeAsync();
await redis.InitializeAsync();
try
{
    await using var upstream = await Upstream.StartAsync(database.ConnectionString, maxPoolSize: settings.Connections);
    var (startedNginx, nginxSkipped) = await NginxProcess.TryStartAsync(upstream.Address, settings.NginxWorkers);
    await using var nginx = startedNginx;
    var token = BenchmarkToken.Issue();
    var environment = new Dictionary<string, string>(BenchmarkToken.Environment)
    {
        ["ConnectionStrings__redis"] = redis.ConnectionString,
        ["services__identity-api__http__0"] = upstream.Address.ToString(),
        ["services__opportunities-api__http__0"] = upstream.Address.ToString(),
        // opportunities-api is not shipped yet, so its cluster has no destination in appsettings.json.
        ["ReverseProxy__Clusters__opportunities-api__Destinations__primary__Address"] = "http://opportunities-api",
        // Limits are checked in Redis on every request but set high enough never to deny.
        ["RateLimiting__Limit"] = "1000000000",
    };
    foreach (var (name, value) in settings.GatewayEnvironment)
    {
        environment[name] = value;
    }

    Console.WriteLine($"{Environment.ProcessorCount} cores; wrk -t{settings.Threads} -c{settings.Connections}; {settings.Rounds} rounds of " +
                      $"{settings.Seconds} s per measurement after {settings.WarmupSeconds} s warm-up; wrk, gateway, upstream, Redis and PostgreSQL share the machine.");
    if (settings.GatewayEnvironment.Count > 0)
    {
        Console.WriteLine("gateway environment: " + string.Join(' ', settings.GatewayEnvironment.Select(e => $"{e.Key}={e.Value}")));
    }

    Console.WriteLine(nginx is not null
        ? $"reference proxy: {nginx.Version}, worker_processes {settings.NginxWorkers} ({nginx.Workers} workers), keepalive 64 to the upstream, access log off"
        : $"reference proxy skipped: {nginxSkipped}");
    Console.WriteLine("load average at start: " + LoadAverage());

    var scenarios = new (string Name, string Path, double Goal)[]
    {
        ("trivial endpoint", Upstream.TrivialPath, 0.5),
        ("one-query endpoint", Upstream.QueryPath + "42", 0.8),
    };
    var rows = new List<Row>();
    var references = new List<ReferenceRow>();
    await using (var gateway = await GatewayProcess.StartAsync(gatewayDll, environment))
    {
        // A fresh process runs unoptimised code for its first seconds; let tiered compilation settle first.
        foreach (var (_, path, _) in scenarios)
        {
            await Wrk.RunAsync(new Uri(gateway.Address, path), settings, 3 * settings.WarmupSeconds, token);
        }

        foreach (var (name, path, goal) in scenarios)
        {
            var (row, reference) = await MeasureAsync(name, new Uri(upstream.Address, path), new Uri(gateway.Address, path), goal, gateway, token, halfLoad: true, nginx);
            rows.Add(row);
            if (reference is not null)
            {
                references.Add(reference);
            }
        }
    }

    environment["Gateway__RateLimits__Enabled"] = "false";
    await using (var gateway = await GatewayProcess.StartAsync(gatewayDll, environment))
    {
        await Wrk.RunAsync(new Uri(gateway.Address, Upstream.TrivialPath), settings, 3 * settings.WarmupSeconds, token);
        rows.Add((await MeasureAsync("trivial endpoint, rate limits off", new Uri(upstream.Address, Upstream.TrivialPath),
            new Uri(gateway.Address, Upstream.TrivialPath), null, gateway, token, halfLoad: false, nginx: null)).Row);
    }

    Console.WriteLine("load average at end: " + LoadAverage());
    Console.WriteLine();
    Console.WriteLine("| endpoint | direct req/s | via gateway req/s | ratio | goal | load for p50 | p50 direct | p50 via gateway | added p50 | gateway CPU at full load | gateway CPU per request | upstream CPU per request |");
    Console.WriteLine("|---|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|");
    foreach (var row in rows)
    {
        Console.WriteLine(row.Markdown());
    }

    Console.WriteLine();
    foreach (var row in rows.Where(r => r.Goal is not null))
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{row.Name}: ratio {row.Ratio:0.00} against a goal of >= {row.Goal:0.0}: {(row.Ratio >= row.Goal ? "met" : "NOT met")}"));
    }

    Console.WriteLine();
    if (references.Count > 0)
    {
        Console.WriteLine("| reference path | direct req/s | via nginx req/s | ratio | gateway's ratio, same rounds | nginx CPU at full load | nginx CPU per request |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|");
        foreach (var reference in references)
        {
            Console.WriteLine(reference.Markdown());
        }
    }
    else
    {
        Console.WriteLine($"No nginx reference rows: {nginxSkipped ?? "its measurements were not valid (see above)"}.");
    }

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

async Task<(Row Row, ReferenceRow? Reference)> MeasureAsync(
    string name, Uri direct, Uri viaGateway, double? goal, GatewayProcess gateway, string token, bool halfLoad, NginxProcess? nginx)
{
    var directRuns = new List<WrkResult>();
    var gatewayRuns = new List<WrkResult>();
    var gatewayCpu = new List<TimeSpan>();
    var upstreamCpu = new List<TimeSpan>();
    var viaNginx = nginx is null ? null : new Uri(nginx.Address, direct.PathAndQuery);
    var nginxRuns = new List<(WrkResult Run, TimeSpan Cpu)>();
    for (var round = 1; round <= settings.Rounds; round++)
    {
        stopping.Token.ThrowIfCancellationRequested();
        await Wrk.RunAsync(direct, settings, settings.WarmupSeconds, token);
        var upstreamCpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        directRuns.Add(Checked(await Wrk.RunAsync(direct, settings, settings.Seconds, token), name, "direct"));
        upstreamCpu.Add((Process.GetCurrentProcess().TotalProcessorTime - upstreamCpuBefore) / directRuns[^1].Requests);
        await Wrk.RunAsync(viaGateway, settings, settings.WarmupSeconds, token);
        var cpuBefore = gateway.CpuTime();
        gatewayRuns.Add(Checked(await Wrk.RunAsync(viaGateway, settings, settings.Seconds, token), name, "via gateway"));
        gatewayCpu.Add(gateway.CpuTime() - cpuBefore);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name}, round {round}: direct {directRuns[^1].RequestsPerSecond:N0} req/s (p50 {directRuns[^1].P50.TotalMilliseconds:0.00} ms), via gateway {gatewayRuns[^1].RequestsPerSecond:N0} req/s (p50 {gatewayRuns[^1].P50.TotalMilliseconds:0.00} ms), gateway CPU {gatewayCpu[^1].TotalSeconds / settings.Seconds:0.00} cores"));
        if (nginx is not null && viaNginx is not null)
        {
            await Wrk.RunAsync(viaNginx, settings, settings.WarmupSeconds, token);
            var nginxCpuBefore = nginx.CpuTime();
            var run = await Wrk.RunAsync(viaNginx, settings, settings.Seconds, token);
            var nginxCpu = nginx.CpuTime() - nginxCpuBefore;
            if (run.Non2xx > 0 || run.SocketErrors > 0)
            {
                // The reference must not cost the gateway's figures: its rows are left out instead.
                Console.WriteLine($"{name} via nginx: {run.Non2xx} non-2xx responses, {run.SocketErrors} socket errors — the nginx reference for it is left out.");
                nginx = null;
            }
            else
            {
                nginxRuns.Add((run, nginxCpu));
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{name}, round {round}: via nginx {run.RequestsPerSecond:N0} req/s (p50 {run.P50.TotalMilliseconds:0.00} ms), nginx CPU {nginxCpu.TotalSeconds / settings.Seconds:0.00} cores"));
            }
        }
    }

    var directFull = directRuns.MaxBy(r => r.RequestsPerSecond)!;
    var best = gatewayRuns.IndexOf(gatewayRuns.MaxBy(r => r.RequestsPerSecond)!);
    var gatewayFull = gatewayRuns[best];
    var cpu = gatewayCpu[best];

    WrkResult? directHalf = null;
    WrkResult? gatewayHalf = null;
    var rate = gatewayFull.RequestsPerSecond / 2;
    if (halfLoad)
    {
        stopping.Token.ThrowIfCancellationRequested();
        directHalf = Checked(await Wrk.RunAtRateAsync(direct, settings, token, rate), name, "direct, half load");
        gatewayHalf = Checked(await Wrk.RunAtRateAsync(viaGateway, settings, token, rate), name, "via gateway, half load");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name} at ~{rate:N0} req/s offered: direct {directHalf.RequestsPerSecond:N0} req/s p50 {directHalf.P50.TotalMilliseconds:0.000} ms, via gateway {gatewayHalf.RequestsPerSecond:N0} req/s p50 {gatewayHalf.P50.TotalMilliseconds:0.000} ms"));
    }

    var row = new Row(name, directFull, gatewayFull, goal, rate, directHalf, gatewayHalf, cpu / settings.Seconds, cpu / gatewayFull.Requests, upstreamCpu.Min());
    if (nginx is null || nginxRuns.Count == 0)
    {
        return (row, null);
    }

    var (nginxFull, nginxCpuFull) = nginxRuns.MaxBy(r => r.Run.RequestsPerSecond);
    return (row, new ReferenceRow($"{name} via nginx (reference proxy, no auth, no rate limit)", directFull, nginxFull,
        row.Ratio, nginxCpuFull / settings.Seconds, nginxCpuFull / nginxFull.Requests));
}

void Stop(PosixSignalContext context)
{
    context.Cancel = true;
    stopping.Cancel();
}

static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

static WrkResult Checked(WrkResult result, string name, string path) =>
    result.Non2xx > 0 || result.SocketErrors > 0
        ? throw new InvalidOperationException($"{name} {path}: {result.Non2xx} non-2xx responses, {result.SocketErrors} socket errors — the measurement is not valid.")
        : result;

internal sealed record Row(
    string Name, WrkResult Direct, WrkResult ViaGateway, double? Goal, double HalfRate,
    WrkResult? DirectHalf, WrkResult? GatewayHalf, TimeSpan CpuPerSecond, TimeSpan CpuPerRequest, TimeSpan UpstreamCpuPerRequest)
{
    public double Ratio => ViaGateway.RequestsPerSecond / Direct.RequestsPerSecond;

    public string Markdown()
    {
        var half = DirectHalf is { } d && GatewayHalf is { } g
            ? string.Create(CultureInfo.InvariantCulture,
                $"{HalfRate:N0} req/s | {d.P50.TotalMilliseconds:0.000} ms | {g.P50.TotalMilliseconds:0.000} ms | {(g.P50 - d.P50).TotalMilliseconds:+0.000;-0.000} ms")
            : "– | – | – | –";
        return string.Create(CultureInfo.InvariantCulture,
            $"| {Name} | {Direct.RequestsPerSecond:N0} | {ViaGateway.RequestsPerSecond:N0} | {Ratio:0.00} | {(Goal is { } goal ? $">= {goal:0.0}" : "–")} | {half} | {CpuPerSecond.TotalSeconds:0.00} cores | {CpuPerRequest.TotalMicroseconds:N0} µs | {UpstreamCpuPerRequest.TotalMicroseconds:N0} µs |");
    }
}

internal sealed record ReferenceRow(string Name, WrkResult Direct, WrkResult ViaNginx, double GatewayRatio, TimeSpan CpuPerSecond, TimeSpan CpuPerRequest)
{
    public string Markdown() => string.Create(CultureInfo.InvariantCulture,
        $"| {Name} | {Direct.RequestsPerSecond:N0} | {ViaNginx.RequestsPerSecond:N0} | {ViaNginx.RequestsPerSecond / Direct.RequestsPerSecond:0.00} | {GatewayRatio:0.00} | {CpuPerSecond.TotalSeconds:0.00} cores | {CpuPerRequest.TotalMicroseconds:N0} µs |");
}

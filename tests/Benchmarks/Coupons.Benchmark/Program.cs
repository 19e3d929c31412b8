using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Benchmarks.Support;
using Coupons.Api.Data;
using Coupons.Benchmark;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using PartnerPlatform.Messaging.Outbox;
using PartnerPlatform.ServiceDefaults;
using PartnerPlatform.Testing;

// Coupon issuing through coupons-api (Kestrel on 127.0.0.1: token check, then one batch in one
// implicit transaction taking the Idempotency-Key, deciding from the read models and writing coupon +
// ledger + movement + record + outbox + idempotency rows, charging the quota last; the outbox relay
// publishing to RabbitMQ) against a hand-written Npgsql program writing the same rows in one batch
// (HandWrittenIssue), on the same database, indexes and connection settings, in the same run, with
// the same workers and pool size. Two quota layouts: every worker on one shared quota (the
// contended case), and a quota per worker. Then the overspend check: at several concurrencies both
// paths race to empty a quota of 100 coupons, which must end with exactly 100 issued and nothing left.
// Usage: dotnet run -c Release --project tests/Benchmarks/Coupons.Benchmark -- [--seconds 4] [--rounds 3] [--workers 16] [--warmup 8] [--warmup-max 30]
//        [--race-concurrency 1,4,16,64] [--max-seconds 240] [--database-settings "No Reset On Close=false;Max Auto Prepare=0"]
//        [--profile 200] [--profile-only] [--soak service|hand-written] [--soak-seconds 20] [--explain-only]
var seconds = IntArgument("--seconds", 4);
var rounds = IntArgument("--rounds", 3);
var workers = IntArgument("--workers", 16);
var maxSeconds = IntArgument("--max-seconds", 240);
var raceConcurrency = StringArgument("--race-concurrency", "1,4,16,64").Split(',').Select(c => int.Parse(c, CultureInfo.InvariantCulture)).ToArray();
var warmupSeconds = IntArgument("--warmup", 8);
var warmupMaxSeconds = IntArgument("--warmup-max", 30);
var databaseSettings = StringArgument("--database-settings", "");
var profileIssues = IntArgument("--profile", 200);
var profileOnly = args.Contains("--profile-only");
var soakPath = StringArgument("--soak", "");
var soakSeconds = IntArgument("--soak-seconds", 20);
var explainOnly = args.Contains("--explain-only");
using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(maxSeconds));
var total = Stopwatch.StartNew();
var loadAtStart = MachineLoad.Now();

var database = new PostgresDatabaseFixture();
var broker = new RabbitMqVirtualHostFixture();
await Task.WhenAll(database.InitializeAsync(), broker.InitializeAsync());
try
{
    // The hand-written program uses the connection settings the service applies to its own (ADR 0018);
    // settings named with --database-settings win over those.
    var connectionString = PostgresConnectionSettings.WithPlatformSettings(
        new NpgsqlConnectionStringBuilder($"{database.ConnectionString};{databaseSettings}") { MaxPoolSize = 20, Timeout = 60 }.ConnectionString);
    await using var host = new CouponsHost(connectionString, broker.ConnectionUri);
    await host.StartAsync();
    using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = workers }) { BaseAddress = host.BaseAddress };
    await using var sql = NpgsqlDataSource.Create(connectionString);
    var backends = new DatabaseBackends(sql);
    HandWrittenIssue handWritten;
    await using (var scope = host.Services.CreateAsyncScope())
    {
        var db = scope.ServiceProvider.GetRequiredService<CouponsDbContext>();
        var insert = OutboxStatement.InsertSql(db);
        var outboxTable = insert["INSERT INTO ".Length..insert.IndexOf(" (", StringComparison.Ordinal)];
        handWritten = new HandWrittenIssue(sql, outboxTable, db.OutboxNotifyChannel());
    }

    var issuers = new List<Issuer>();
    for (var i = 0; i < workers; i++)
    {
        issuers.Add(await host.CreateIssuerAsync(http));
    }

    var layouts = new (string Name, Func<int, Issuer> IssuerOf)[]
    {
        ("one quota shared by all workers", _ => issuers[0]),
        ("a quota per worker", worker => issuers[worker]),
    };
    var paths = new (string Name, Func<Issuer, Task> Operation)[]
    {
        ("service", issuer => Issued(IssueThroughServiceAsync(http, issuer))),
        ("hand-written", issuer => Issued(handWritten.IssueAsync(issuer))),
    };

    Console.WriteLine($"{Environment.ProcessorCount} cores, load average {loadAtStart}; {workers} workers; {seconds} s per measurement; {rounds} rounds, paths alternating, medians reported; {warmupSeconds} s of warm-up at least, then until the compiler settles (at most {warmupMaxSeconds} s per path)");
    Console.WriteLine($"database connection settings: {DatabaseSettings(connectionString)}");
    // The runtime keeps compiling hot code into its final tiers long after start: the service's
    // issue path (Kestrel, the token check, EF, Npgsql, the relay) has far more code than the
    // hand-written batch, and on a loaded machine its compiler thread took 10-17 % of this process's
    // CPU even after 40 s (perf). So each path runs unmeasured for its share of --warmup, then on,
    // a second at a time, until the compiler is busy less than 5 % of a second (at most --warmup-max s).
    foreach (var (name, operation) in paths)
    {
        var warming = Stopwatch.StartNew();
        await Measurement.RunAsync(workers, TimeSpan.FromSeconds(warmupSeconds / 2.0), worker => operation(issuers[worker]), limit.Token);
        double compiling;
        do
        {
            var compiledBefore = System.Runtime.JitInfo.GetCompilationTime();
            var second = Stopwatch.StartNew();
            await Measurement.RunAsync(workers, TimeSpan.FromSeconds(1), worker => operation(issuers[worker]), limit.Token);
            compiling = (System.Runtime.JitInfo.GetCompilationTime() - compiledBefore) / second.Elapsed;
        }
        while (compiling >= 0.05 && warming.Elapsed < TimeSpan.FromSeconds(warmupMaxSeconds));

        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"warm-up, {name}: {warming.Elapsed.TotalSeconds:F0} s, the compiler busy {compiling:P0} of its last second; load average {MachineLoad.Now()}"));
    }

    // PostgreSQL's plans, actual times and buffers of one issue on each path.
    if (explainOnly)
    {
        await IssuePlans.PrintAsync(host.Services, connectionString, issuers[0], handWritten, profileIssues);
        return;
    }

    // One issue at a time, each path: round trips, statements, time outside the database, allocations.
    if (profileIssues > 0)
    {
        foreach (var (path, operation) in paths)
        {
            await IssueProfile.PrintAsync(path, profileIssues, () => operation(issuers[0]));
        }

        // The same issue again under a key already used: HTTP, token, the issue statement failing on the key, the lookup and the stored answer.
        var replayedKey = Guid.NewGuid().ToString("N");
        await IssueThroughServiceAsync(http, issuers[0], replayedKey);
        await IssueProfile.PrintAsync("replayed key (HTTP, token, the key found taken, stored answer)", profileIssues, () => Issued(IssueThroughServiceAsync(http, issuers[0], replayedKey)));

        // What HTTP, the token check, JSON binding and the validation cost without any database work.
        await IssueProfile.PrintAsync("refused as invalid (HTTP, token, JSON, validation; no database)", profileIssues, () => RefusedAsInvalidAsync(http, issuers[0]));

        if (profileOnly)
        {
            return;
        }
    }

    // One path alone under load (a quota per worker) for a CPU sampler attached from outside
    // (e.g. perf with the runtime's perf map), then stop.
    if (soakPath.Length > 0)
    {
        var (_, soak) = paths.Single(p => p.Name == soakPath);
        Console.WriteLine($"soak: {soakPath} alone for {soakSeconds} s, process {Environment.ProcessId}");
        using var allocations = new AllocationSampler();
        var activity = new ActivitySampler(sql);
        using var stopSampling = new CancellationTokenSource();
        allocations.Start();
        var sampling = activity.RunAsync(stopSampling.Token);
        var m = await Measurement.RunAsync(workers, TimeSpan.FromSeconds(soakSeconds), worker => soak(issuers[worker]), limit.Token, backends);
        await stopSampling.CancelAsync();
        await sampling;
        allocations.Stop();
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"soak: {m.PerSecond:F0}/s; CPU per issue: PostgreSQL {m.MicrosecondsPerOperation(m.Cpu.Database):F0} µs (this database's backends {m.MicrosecondsPerOperation(m.OwnDatabase):F0} µs), .NET {m.MicrosecondsPerOperation(m.Cpu.Benchmark):F0} µs, RabbitMQ {m.MicrosecondsPerOperation(m.Cpu.Broker):F0} µs; load average {MachineLoad.Now()}"));
        allocations.Print(m.Operations);
        activity.Print();
        return;
    }

    var results = new Dictionary<(string Layout, string Path), List<Measurement>>();
    foreach (var (layout, issuerOf) in layouts)
    {
        foreach (var (path, operation) in paths)
        {
            await Measurement.RunAsync(workers, TimeSpan.FromSeconds(1), worker => operation(issuerOf(worker)), limit.Token);
            results[(layout, path)] = [];
        }

        for (var round = 0; round < rounds; round++)
        {
            foreach (var (path, operation) in paths)
            {
                var measurement = await Measurement.RunAsync(workers, TimeSpan.FromSeconds(seconds), worker => operation(issuerOf(worker)), limit.Token, backends);
                results[(layout, path)].Add(measurement);
                Console.WriteLine($"  {layout,-32} {path,-12} round {round + 1}: {measurement.PerSecond,8:F0}/s  p50 {measurement.P50Milliseconds,6:F2} ms  p95 {measurement.P95Milliseconds,6:F2} ms");
            }
        }
    }

    // References under the same load: what an issue request costs before any issuing work. A request
    // refused by the validation (HTTP, token check, JSON, no database) and one replaying a used key
    // (the same plus the idempotency filter's lookup round trip and the stored answer).
    var replayKeys = new string[workers];
    for (var worker = 0; worker < workers; worker++)
    {
        replayKeys[worker] = Guid.NewGuid().ToString("N");
        await IssueThroughServiceAsync(http, issuers[worker], replayKeys[worker]);
    }

    var references = new (string Name, Func<int, Task> Operation)[]
    {
        ("issue request refused as invalid (HTTP, token, JSON, validation; no database)", worker => RefusedAsInvalidAsync(http, issuers[worker])),
        ("issue request replaying a used key (the same + the key found taken, stored answer)", worker => Issued(IssueThroughServiceAsync(http, issuers[worker], replayKeys[worker]))),
    };
    var referenceResults = new List<(string Name, Measurement Result)>();
    foreach (var (name, operation) in references)
    {
        await Measurement.RunAsync(workers, TimeSpan.FromSeconds(1), operation, limit.Token);
        var measurement = await Measurement.RunAsync(workers, TimeSpan.FromSeconds(seconds), operation, limit.Token, backends);
        referenceResults.Add((name, measurement));
        Console.WriteLine($"  reference {name}: {measurement.PerSecond,8:F0}/s  p95 {measurement.P95Milliseconds,6:F2} ms");
    }

    // No overspend at any concurrency: both paths race to empty a quota of 100 coupons of their own.
    var races = new List<(int Concurrency, string Path, RaceOutcome Outcome)>();
    foreach (var concurrency in raceConcurrency)
    {
        foreach (var (path, issueOne) in new (string, Func<Issuer, Task<bool>>)[]
                 {
                     ("service", issuer => IssueThroughServiceAsync(http, issuer)),
                     ("hand-written", handWritten.IssueAsync),
                 })
        {
            var issuer = await host.CreateIssuerAsync(http, amount: 1.00m);
            var outcome = await RaceAsync(sql, issuer, concurrency, issueOne, limit.Token);
            races.Add((concurrency, path, outcome));
            Console.WriteLine($"  overspend check, {path,-12} {concurrency,3} at once: {outcome.Issued} coupons issued, {outcome.Remaining} CNY left, {outcome.Charged} CNY charged in movements");
        }
    }

    await VerifyAsync(sql, issuers);
    Console.WriteLine();
    Console.WriteLine("| quota layout | service issues/s | hand-written issues/s | ratio | goal | service p95 | hand-written p95 |");
    Console.WriteLine("|---|---:|---:|---:|---|---:|---:|");
    var goals = new Goals("coupons");
    foreach (var (layout, _) in layouts)
    {
        var service = Median(results[(layout, "service")]);
        var bare = Median(results[(layout, "hand-written")]);
        var ratio = service.PerSecond / bare.PerSecond;
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"| {layout} | {service.PerSecond:N0} | {bare.PerSecond:N0} | {ratio:F2} | >= 0.6 | {service.P95Milliseconds:F2} ms | {bare.P95Milliseconds:F2} ms |"));
        goals.Add($"service / hand-written issues/s, {layout}", Goals.Format(ratio, "0.00") + $" ({service.PerSecond:0} vs {bare.PerSecond:0}/s)", ">= 0.6", ratio >= 0.6);
    }

    var overspent = races.Where(r => !r.Outcome.Exact).ToList();
    goals.Add(
        $"overspend at {string.Join(", ", raceConcurrency)} concurrent issuers (100-coupon quota, both paths)",
        overspent.Count == 0 ? "none: 100 issued, 0 left, every time" : string.Join("; ", overspent.Select(r => $"{r.Path} at {r.Concurrency}: {r.Outcome.Issued} issued, {r.Outcome.Remaining} left")),
        "none", overspent.Count == 0);

    // Where each operation's CPU went (the median round's). On two shared cores the machine's CPU
    // per operation bounds throughput, so hand-written machine CPU / service machine CPU bounds the ratio.
    Console.WriteLine();
    Console.WriteLine("| quota layout | path | machine CPU per issue | PostgreSQL | of which this database's backends | .NET (client, service, relay) | RabbitMQ |");
    Console.WriteLine("|---|---|---:|---:|---:|---:|---:|");
    foreach (var (layout, _) in layouts)
    {
        foreach (var (path, _) in paths)
        {
            var m = Median(results[(layout, path)]);
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"| {layout} | {path} | {m.MicrosecondsPerOperation(m.Cpu.Machine):F0} µs | {m.MicrosecondsPerOperation(m.Cpu.Database):F0} µs | {m.MicrosecondsPerOperation(m.OwnDatabase):F0} µs | {m.MicrosecondsPerOperation(m.Cpu.Benchmark):F0} µs | {m.MicrosecondsPerOperation(m.Cpu.Broker):F0} µs |"));
        }
    }

    Console.WriteLine();
    Console.WriteLine("| reference, same run | requests/s | p95 | machine CPU per request | PostgreSQL | of which this database's backends | .NET (client, service, relay) |");
    Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|");
    foreach (var (name, m) in referenceResults)
    {
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"| {name} | {m.PerSecond:N0} | {m.P95Milliseconds:F2} ms | {m.MicrosecondsPerOperation(m.Cpu.Machine):F0} µs | {m.MicrosecondsPerOperation(m.Cpu.Database):F0} µs | {m.MicrosecondsPerOperation(m.OwnDatabase):F0} µs | {m.MicrosecondsPerOperation(m.Cpu.Benchmark):F0} µs |"));
    }

    goals.Print(loadAtStart);
    Console.WriteLine($"{total.Elapsed.TotalSeconds:F0} s in all");
}
catch (OperationCanceledException) when (limit.IsCancellationRequested)
{
    Console.Error.WriteLine($"Stopped after --max-seconds {maxSeconds}: no figures.");
    Environment.ExitCode = 2;
}
finally
{
    await broker.DisposeAsync();
    await database.DisposeAsync();
}

// True when the service issued the coupon, false when it refused it (the quota no longer covers it).
static async Task<bool> IssueThroughServiceAsync(HttpClient http, Issuer issuer, string? idempotencyKey = null)
{
    using var request = new HttpRequestMessage(HttpMethod.Post, "/v2/promotions/benefits/partner-coupons")
    {
        Content = JsonContent.Create(new { quota_id = issuer.QuotaId, customer_ids = new[] { issuer.CustomerId }, face_value = 0.01m }, options: PlatformJson.Options),
    };
    request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", issuer.Token);
    request.Headers.Add("Idempotency-Key", idempotencyKey ?? Guid.NewGuid().ToString("N"));
    using var response = await http.SendAsync(request);
    var body = await response.Content.ReadAsStringAsync();
    if (response.StatusCode != HttpStatusCode.OK)
    {
        throw new InvalidOperationException($"The service did not issue: {(int)response.StatusCode} {body}");
    }

    return body.Contains("\"coupon_id\"", StringComparison.Ordinal);
}

// An issue request with no customers: authenticated, bound and refused by the validation (400) before any database work.
static async Task RefusedAsInvalidAsync(HttpClient http, Issuer issuer)
{
    using var request = new HttpRequestMessage(HttpMethod.Post, "/v2/promotions/benefits/partner-coupons")
    {
        Content = JsonContent.Create(new { quota_id = issuer.QuotaId, customer_ids = Array.Empty<Guid>(), face_value = 0.01m }, options: PlatformJson.Options),
    };
    request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", issuer.Token);
    using var response = await http.SendAsync(request);
    var body = await response.Content.ReadAsStringAsync();
    if (response.StatusCode != HttpStatusCode.BadRequest)
    {
        throw new InvalidOperationException($"The service did not refuse the empty issue: {(int)response.StatusCode} {body}");
    }
}

// In a throughput measurement every issue must succeed (the quotas never run out).
static async Task Issued(Task<bool> issue)
{
    if (!await issue)
    {
        throw new InvalidOperationException("An issue was refused during a throughput measurement.");
    }
}

// Workers issue one coupon at a time out of a quota of 1.00 CNY (100 coupons) until each is refused.
static async Task<RaceOutcome> RaceAsync(NpgsqlDataSource sql, Issuer issuer, int concurrency, Func<Issuer, Task<bool>> issueOne, CancellationToken cancellationToken)
{
    await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(
        async () =>
        {
            while (await issueOne(issuer))
            {
                cancellationToken.ThrowIfCancellationRequested();
            }
        },
        cancellationToken)));
    await using var command = sql.CreateCommand(
        """
        SELECT (SELECT count(*) FROM coupons WHERE quota_id = q.id),
               q.remaining_amount,
               -(SELECT coalesce(sum(amount), 0) FROM quota_movements WHERE quota_id = q.id AND kind = 'issued')
        FROM quotas q WHERE q.id = $1
        """);
    command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = issuer.QuotaId });
    await using var reader = await command.ExecuteReaderAsync(cancellationToken);
    await reader.ReadAsync(cancellationToken);
    return new RaceOutcome(reader.GetInt64(0), reader.GetDecimal(1), reader.GetDecimal(2));
}

// Every coupon issued, by either path, is in its quota's movements.
static async Task VerifyAsync(NpgsqlDataSource sql, List<Issuer> issuers)
{
    await using var command = sql.CreateCommand(
        """
        SELECT count(*) FROM quotas q
        WHERE q.id = ANY(@ids)
          AND (SELECT coalesce(sum(c.face_value), 0) FROM coupons c WHERE c.quota_id = q.id)
              <> -(SELECT coalesce(sum(m.amount), 0) FROM quota_movements m WHERE m.quota_id = q.id AND m.kind = 'issued')
        """);
    command.Parameters.AddWithValue("ids", issuers.Select(i => i.QuotaId).ToArray());
    var mismatched = (long)(await command.ExecuteScalarAsync())!;
    Console.WriteLine(mismatched == 0 ? "check: every issued coupon is in its quota's movements" : $"check FAILED: {mismatched} quotas disagree with their coupons");
}

static Measurement Median(List<Measurement> measurements) => measurements.OrderBy(m => m.PerSecond).ElementAt(measurements.Count / 2);

int IntArgument(string name, int fallback)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
}

string StringArgument(string name, string fallback)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? args[index + 1] : fallback;
}

static string DatabaseSettings(string connectionString)
{
    var settings = new NpgsqlConnectionStringBuilder(connectionString);
    return $"No Reset On Close={settings.NoResetOnClose}; Max Auto Prepare={settings.MaxAutoPrepare}; Auto Prepare Min Usages={settings.AutoPrepareMinUsages}";
}

/// <summary>What a race to empty a quota of 100 coupons left: exact when 100 were issued, charged and nothing is left.</summary>
internal sealed record RaceOutcome(long Issued, decimal Remaining, decimal Charged)
{
    public bool Exact => Issued == 100 && Remaining == 0 && Charged == 1.00m;
}

using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Coupons.Benchmark;
using Npgsql;
using PartnerPlatform.ServiceDefaults;
using PartnerPlatform.Testing;

// Coupon issuing through coupons-api (Kestrel on 127.0.0.1: token check, Idempotency-Key lookup,
// then one batch in one implicit transaction writing coupon + ledger + movement + log + outbox +
// idempotency rows guarded by the read models and charging the quota last, the outbox relay
// publishing to RabbitMQ) against the bare SQL conditional UPDATE of
// the quota on the same database, in the same run, with the same workers and pool size. Two quota
// layouts: every worker on one shared quota (the contended case), and a quota per worker.
// Usage: dotnet run -c Release --project tests/Benchmarks/Coupons.Benchmark -- [--seconds 4] [--rounds 3] [--workers 16] [--warmup 8] [--max-seconds 180]
//        [--database-settings "No Reset On Close=false;Max Auto Prepare=0"]  (connection settings for both paths, for A/B runs)
var seconds = IntArgument("--seconds", 4);
var rounds = IntArgument("--rounds", 3);
var workers = IntArgument("--workers", 16);
var maxSeconds = IntArgument("--max-seconds", 180);
var warmupSeconds = IntArgument("--warmup", 8);
var databaseSettings = StringArgument("--database-settings", "");
using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(maxSeconds));
var total = Stopwatch.StartNew();
var loadAtStart = LoadAverage();

var database = new PostgresDatabaseFixture();
var broker = new RabbitMqVirtualHostFixture();
await Task.WhenAll(database.InitializeAsync(), broker.InitializeAsync());
try
{
    // The bare updates use the connection settings the service applies to its own (ADR 0018);
    // settings named with --database-settings win over those.
    var connectionString = PostgresConnectionSettings.WithPlatformSettings(
        new NpgsqlConnectionStringBuilder($"{database.ConnectionString};{databaseSettings}") { MaxPoolSize = 20, Timeout = 60 }.ConnectionString);
    await using var host = new CouponsHost(connectionString, broker.ConnectionUri);
    await host.StartAsync();
    using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = workers }) { BaseAddress = host.BaseAddress };
    await using var sql = NpgsqlDataSource.Create(connectionString);

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
        ("service", issuer => IssueThroughServiceAsync(http, issuer)),
        ("bare SQL", issuer => TakeWithBareSqlAsync(sql, issuer)),
    };

    Console.WriteLine($"{Environment.ProcessorCount} cores, load average {loadAtStart}; {workers} workers; {seconds} s per measurement; {rounds} rounds, paths alternating, medians reported; {warmupSeconds} s of warm-up");
    Console.WriteLine($"database connection settings: {DatabaseSettings(connectionString)}");
    // The runtime keeps compiling hot code into its final tier for several seconds after start
    // (the issue path has far more code than the bare update), so both paths run unmeasured first.
    foreach (var (_, operation) in paths)
    {
        await Measurement.RunAsync(workers, TimeSpan.FromSeconds(warmupSeconds / 2.0), worker => operation(issuers[worker]), limit.Token);
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
                var measurement = await Measurement.RunAsync(workers, TimeSpan.FromSeconds(seconds), worker => operation(issuerOf(worker)), limit.Token);
                results[(layout, path)].Add(measurement);
                Console.WriteLine($"  {layout,-32} {path,-8} round {round + 1}: {measurement.PerSecond,8:F0}/s  p50 {measurement.P50Milliseconds,6:F2} ms  p95 {measurement.P95Milliseconds,6:F2} ms");
            }
        }
    }

    // Where the ceiling is: the same host answering without the database, and with a token check
    // and two indexed queries (the quota query endpoint), measured once with the same workers.
    var references = new (string Name, Func<Issuer, Task> Operation)[]
    {
        ("GET /alive (no token, no database)", async _ =>
        {
            using var response = await http.GetAsync("/alive");
            response.EnsureSuccessStatusCode();
        }),
        ("POST /v2/partners/coupon-quotas/query (token, 2 queries)", async issuer =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/v2/partners/coupon-quotas/query")
            {
                Content = JsonContent.Create(new { limit = 1 }, options: PlatformJson.Options),
            };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", issuer.Token);
            using var response = await http.SendAsync(request);
            response.EnsureSuccessStatusCode();
        }),
    };
    var referenceResults = new List<(string Name, Measurement Result)>();
    foreach (var (name, operation) in references)
    {
        referenceResults.Add((name, await Measurement.RunAsync(workers, TimeSpan.FromSeconds(seconds), worker => operation(issuers[worker]), limit.Token)));
    }

    await VerifyAsync(sql, issuers);
    Console.WriteLine();
    Console.WriteLine("| quota layout | service issue req/s | bare SQL update/s | ratio | goal | service p95 | bare SQL p95 |");
    Console.WriteLine("|---|---:|---:|---:|---|---:|---:|");
    foreach (var (layout, _) in layouts)
    {
        var service = Median(results[(layout, "service")]);
        var bare = Median(results[(layout, "bare SQL")]);
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"| {layout} | {service.PerSecond:N0} | {bare.PerSecond:N0} | {service.PerSecond / bare.PerSecond:F2} | >= 0.5 | {service.P95Milliseconds:F2} ms | {bare.P95Milliseconds:F2} ms |"));
    }

    // Where each operation's CPU went (the median round's). On two shared cores the machine's CPU
    // per operation bounds throughput, so bare machine CPU / issue machine CPU bounds the ratio, and
    // bare machine CPU / issue PostgreSQL CPU bounds it even if everything else cost nothing.
    Console.WriteLine();
    Console.WriteLine("| quota layout | path | machine CPU per op | PostgreSQL | .NET (client, service, relay) | RabbitMQ | ratio bound if only PostgreSQL's part of an issue remained |");
    Console.WriteLine("|---|---|---:|---:|---:|---:|---:|");
    foreach (var (layout, _) in layouts)
    {
        var bare = Median(results[(layout, "bare SQL")]);
        var issueDatabase = Median(results[(layout, "service")]).MicrosecondsPerOperation(Median(results[(layout, "service")]).Cpu.Database);
        foreach (var (path, _) in paths)
        {
            var m = Median(results[(layout, path)]);
            var bound = path == "service" ? (bare.MicrosecondsPerOperation(bare.Cpu.Machine) / issueDatabase).ToString("F2", CultureInfo.InvariantCulture) : "–";
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"| {layout} | {path} | {m.MicrosecondsPerOperation(m.Cpu.Machine):F0} µs | {m.MicrosecondsPerOperation(m.Cpu.Database):F0} µs | {m.MicrosecondsPerOperation(m.Cpu.Benchmark):F0} µs | {m.MicrosecondsPerOperation(m.Cpu.Broker):F0} µs | {bound} |"));
        }
    }

    Console.WriteLine();
    Console.WriteLine("| reference on the same host | req/s | p95 |");
    Console.WriteLine("|---|---:|---:|");
    foreach (var (name, result) in referenceResults)
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {name} | {result.PerSecond:N0} | {result.P95Milliseconds:F2} ms |"));
    }

    Console.WriteLine();
    Console.WriteLine($"load average {loadAtStart} at the start, {LoadAverage()} at the end; {total.Elapsed.TotalSeconds:F0} s in all");
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

static async Task IssueThroughServiceAsync(HttpClient http, Issuer issuer)
{
    using var request = new HttpRequestMessage(HttpMethod.Post, "/v2/promotions/benefits/partner-coupons")
    {
        Content = JsonContent.Create(new { quota_id = issuer.QuotaId, customer_ids = new[] { issuer.CustomerId }, face_value = 0.01m }, options: PlatformJson.Options),
    };
    request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", issuer.Token);
    request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString("N"));
    using var response = await http.SendAsync(request);
    var body = await response.Content.ReadAsStringAsync();
    if (response.StatusCode != HttpStatusCode.OK || !body.Contains("\"coupon_id\"", StringComparison.Ordinal))
    {
        throw new InvalidOperationException($"The service did not issue: {(int)response.StatusCode} {body}");
    }
}

static async Task TakeWithBareSqlAsync(NpgsqlDataSource sql, Issuer issuer)
{
    await using var command = sql.CreateCommand(
        "UPDATE quotas SET remaining_amount = remaining_amount - @n WHERE id = @id AND remaining_amount >= @n RETURNING remaining_amount");
    command.Parameters.AddWithValue("n", 0.01m);
    command.Parameters.AddWithValue("id", issuer.QuotaId);
    if (await command.ExecuteScalarAsync() is null)
    {
        throw new InvalidOperationException("The bare update found no quota.");
    }
}

// Every coupon the service issued is in its quota's movements; the bare updates are not (they
// bypass the service), so remaining = total - issued - bare takes, which the figures must agree with.
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

static string LoadAverage() =>
    File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

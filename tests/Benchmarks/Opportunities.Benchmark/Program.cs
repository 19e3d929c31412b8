using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using Npgsql;
using Opportunities.Benchmark;
using PartnerPlatform.ServiceDefaults;
using PartnerPlatform.Testing;

// opportunities-api's dashboard and list queries over 1,000,000 POs (one partner holding 100,000 of
// them, 9,000 partners with 100 each), through HTTP to the service (token check, EF Core, JSON) and
// as the bare SQL of the same statements on the same database, in one run.
// Usage: dotnet run -c Release --project tests/Benchmarks/Opportunities.Benchmark -- [--pos 1000000] [--big-partner-pos 100000] [--seconds 3] [--workers 1] [--explain]
var totalPos = IntArgument("--pos", 1_000_000);
var bigPartnerPos = IntArgument("--big-partner-pos", 100_000);
var seconds = IntArgument("--seconds", 3);
var workers = IntArgument("--workers", 1);
var explain = args.Contains("--explain");
var smallPartners = 9_000;
var loadAtStart = LoadAverage();
var total = Stopwatch.StartNew();

var bigPartner = Guid.Parse("b1000000-0000-4000-8000-000000000001");
var database = new PostgresDatabaseFixture();
var broker = new RabbitMqVirtualHostFixture();
await Task.WhenAll(database.InitializeAsync(), broker.InitializeAsync());
try
{
    var connectionString = PostgresConnectionSettings.WithPlatformSettings(
        new NpgsqlConnectionStringBuilder(database.ConnectionString) { MaxPoolSize = 20, Timeout = 60, CommandTimeout = 300 }.ConnectionString);
    await using var host = new OpportunitiesHost(connectionString, broker.ConnectionUri);
    await host.StartAsync();
    await using var sql = NpgsqlDataSource.Create(connectionString);

    var now = DateTimeOffset.UtcNow;
    var load = Stopwatch.StartNew();
    await LoadAsync(sql, totalPos, bigPartnerPos, smallPartners, bigPartner, now);
    var smallPartner = await ScalarAsync<Guid>(sql, "SELECT partner_id FROM opportunities WHERE partner_id <> $1 LIMIT 1", bigPartner);
    Console.WriteLine($"{Environment.ProcessorCount} cores, load average {loadAtStart}; loaded {totalPos:N0} POs ({bigPartnerPos:N0} of one partner, {smallPartners:N0} partners with {(totalPos - bigPartnerPos) / smallPartners} each) in {load.Elapsed.TotalSeconds:F1} s; {workers} worker(s), {seconds} s per path");

    using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = workers }) { BaseAddress = host.BaseAddress };
    var partnerToken = Token(new CurrentCaller
    {
        IsAuthenticated = true, UserId = "bench-partner", PartnerId = bigPartner.ToString(), Programmes = new HashSet<string> { "solution_provider" },
    });
    var smallPartnerToken = Token(new CurrentCaller
    {
        IsAuthenticated = true, UserId = "bench-small-partner", PartnerId = smallPartner.ToString(), Programmes = new HashSet<string> { "solution_provider" },
    });
    var vendorToken = Token(new CurrentCaller { IsAuthenticated = true, UserId = "bench-psm", VendorRole = "psm", Region = "south" });

    var big = $"partner with {bigPartnerPos:N0} POs";
    var platform = $"platform of {totalPos:N0} POs";
    var small = $"partner with {(totalPos - bigPartnerPos) / smallPartners:N0} POs";
    var cases = new List<Case>
    {
        Dashboard($"dashboard 1y, {big}", partnerToken, bigPartner, "1y", TimeSpan.FromDays(365)),
        Dashboard($"dashboard 1m, {big}", partnerToken, bigPartner, "1m", TimeSpan.FromDays(31)),
        Dashboard($"dashboard 1y, {small}", smallPartnerToken, smallPartner, "1y", TimeSpan.FromDays(365)),
        new(
            $"list, {big}, first page",
            "/v2/partners/opportunities?limit=10",
            partnerToken,
            [
                ("SELECT count(*) FROM opportunities WHERE partner_id = $1", [bigPartner]),
                ("SELECT * FROM opportunities WHERE partner_id = $1 ORDER BY created_at DESC, id DESC LIMIT 10", [bigPartner]),
            ]),
        new(
            $"list, {big}, status=approved",
            "/v2/partners/opportunities?status=approved&limit=10",
            partnerToken,
            [
                ("SELECT count(*) FROM opportunities WHERE partner_id = $1 AND status = 'approved'", [bigPartner]),
                ("SELECT * FROM opportunities WHERE partner_id = $1 AND status = 'approved' ORDER BY created_at DESC, id DESC LIMIT 10", [bigPartner]),
            ]),
        new(
            $"vendor queue psm:south, {platform}",
            "/v2/vendor/opportunities/queue?queue=psm:south&limit=10",
            vendorToken,
            [
                ("SELECT count(*) FROM opportunities WHERE status = 'submitted' AND routed_to = $1", ["psm:south"]),
                ("SELECT * FROM opportunities WHERE status = 'submitted' AND routed_to = $1 ORDER BY validate_by, id LIMIT 10", ["psm:south"]),
            ]),
    };

    var results = new List<(Case Case, Latency Service, Latency Bare)>();
    foreach (var benchmarkCase in cases)
    {
        Func<Task> service = () => GetAsync(http, benchmarkCase.Path, benchmarkCase.Token);
        Func<Task> bare = () => RunStatementsAsync(sql, benchmarkCase.Statements);
        await Latency.MeasureAsync(workers, TimeSpan.FromSeconds(0.5), service);
        await Latency.MeasureAsync(workers, TimeSpan.FromSeconds(0.5), bare);
        var serviceLatency = await Latency.MeasureAsync(workers, TimeSpan.FromSeconds(seconds), service);
        var bareLatency = await Latency.MeasureAsync(workers, TimeSpan.FromSeconds(seconds), bare);
        results.Add((benchmarkCase, serviceLatency, bareLatency));
        Console.WriteLine($"  {benchmarkCase.Name,-52} service p50 {serviceLatency.P50,7:F2} ms p95 {serviceLatency.P95,7:F2} ms | bare SQL p50 {bareLatency.P50,7:F2} ms p95 {bareLatency.P95,7:F2} ms");
        if (explain)
        {
            foreach (var (text, parameters) in benchmarkCase.Statements)
            {
                Console.WriteLine($"    EXPLAIN {text}");
                foreach (var line in await ExplainAsync(sql, text, parameters))
                {
                    Console.WriteLine($"      {line}");
                }
            }
        }
    }

    Console.WriteLine();
    Console.WriteLine("| query | service p50 | service p95 | bare SQL p50 | bare SQL p95 | ratio p50 (bare / service) | ratio p95 |");
    Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|");
    foreach (var (benchmarkCase, service, bare) in results)
    {
        Console.WriteLine(
            $"| {benchmarkCase.Name} | {service.P50:F2} ms | {service.P95:F2} ms | {bare.P50:F2} ms | {bare.P95:F2} ms | {bare.P50 / service.P50:F2} | {bare.P95 / service.P95:F2} |");
    }

    Console.WriteLine();
    Console.WriteLine($"load average at the end {LoadAverage()}; {total.Elapsed.TotalSeconds:F0} s in all");
}
finally
{
    await Task.WhenAll(database.DisposeAsync(), broker.DisposeAsync());
}

Case Dashboard(string name, string token, Guid partnerId, string window, TimeSpan span)
{
    // The statement the dashboard runs, over the window ending now.
    var to = DateTimeOffset.UtcNow.AddDays(1);
    var from = DateTimeOffset.UtcNow - span;
    return new Case(
        name,
        $"/v2/partners/opportunities/dashboard?window={window}",
        token,
        [
            (
                """
                SELECT status, stage, revenue_currency, count(*)::int, sum(expected_revenue)
                FROM opportunities WHERE partner_id = $1 AND submitted_at >= $2 AND submitted_at <= $3
                GROUP BY status, stage, revenue_currency
                """,
                [partnerId, from, to]),
        ]);
}

static async Task GetAsync(HttpClient http, string path, string token)
{
    using var request = new HttpRequestMessage(HttpMethod.Get, path);
    request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
    using var response = await http.SendAsync(request);
    if (!response.IsSuccessStatusCode)
    {
        throw new InvalidOperationException($"{path} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    await response.Content.ReadAsByteArrayAsync();
}

static async Task RunStatementsAsync(NpgsqlDataSource sql, IReadOnlyList<(string Text, object[] Parameters)> statements)
{
    await using var connection = await sql.OpenConnectionAsync();
    foreach (var (text, parameters) in statements)
    {
        await using var command = new NpgsqlCommand(text, connection);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        }

        await using var reader = await command.ExecuteReaderAsync();
        var values = new object[reader.FieldCount];
        while (await reader.ReadAsync())
        {
            reader.GetValues(values);
        }
    }
}

static async Task<List<string>> ExplainAsync(NpgsqlDataSource sql, string text, object[] parameters)
{
    await using var command = sql.CreateCommand($"EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) {text}");
    foreach (var parameter in parameters)
    {
        command.Parameters.Add(new NpgsqlParameter { Value = parameter });
    }

    var lines = new List<string>();
    await using var reader = await command.ExecuteReaderAsync();
    while (await reader.ReadAsync())
    {
        lines.Add(reader.GetString(0));
    }

    return lines;
}

static async Task LoadAsync(NpgsqlDataSource sql, int count, int bigCount, int partners, Guid bigPartner, DateTimeOffset now)
{
    // One INSERT … SELECT over generate_series: statuses, stages, regions and times spread
    // deterministically; creation times over the last two years; ids ascending like the service's version 7 ids.
    const string Insert =
        """
        INSERT INTO opportunities (
            id, partner_id, status, stage, budget_amount, budget_currency, decision_maker_name, decision_maker_title,
            need_products, need_description, expected_order_date, project_timeline, customer_name, customer_industry,
            customer_province, customer_city, contact_name, contact_phone, contact_email, expected_revenue, revenue_currency,
            cloud_related, solution_id, consent_confirmed_by, consent_confirmed_at, consent_method, routed_to, psm_region,
            editable_parts, submitted_at, validate_by, reviewed_by, reviewed_at, rejection_reason, won_at, delivered_at,
            last_partner_activity_at, created_by, created_at, updated_at)
        SELECT
            ('00000000-0000-7000-8000-' || lpad(to_hex(g), 12, '0'))::uuid,
            CASE WHEN g <= $2 THEN $3 ELSE md5('partner-' || (g % $4))::uuid END,
            s.status,
            CASE WHEN s.status = 'approved' THEN (ARRAY['qualified','solution_validation','business_negotiation','won','delivered','lost'])[1 + (g / 10) % 6] END,
            500000, 'CNY', 'Wang Qiang', 'CIO',
            ARRAY['data_lake'], 'Move the data warehouse of the customer to the cloud.', DATE '2027-03-01', 'Assessment in Q1, go-live in Q2.',
            'Customer ' || g, 'logistics', r.province, 'City', 'Zhang Wei', '13912345678', 'zhang.wei@example.com',
            10000 + (g % 500) * 1000, 'CNY',
            true, NULL, 'Zhang Wei', t.created, 'signed consent form',
            CASE WHEN s.status <> 'draft' THEN 'psm:' || r.region END,
            CASE WHEN s.status <> 'draft' THEN r.region END,
            ARRAY[]::text[],
            CASE WHEN s.status <> 'draft' THEN t.created + interval '1 hour' END,
            CASE WHEN s.status <> 'draft' THEN t.created + interval '15 days' END,
            CASE WHEN s.status IN ('approved', 'rejected') THEN 'psm-1' END,
            CASE WHEN s.status IN ('approved', 'rejected') THEN t.created + interval '2 days' END,
            CASE WHEN s.status = 'rejected' THEN 'vague_description' END,
            NULL, NULL,
            t.created, 'bench', t.created, t.created
        FROM generate_series(1, $1) AS g
        CROSS JOIN LATERAL (SELECT $5::timestamptz - ((g::bigint * 7919) % (730 * 1440)) * interval '1 minute' AS created) AS t
        CROSS JOIN LATERAL (SELECT (ARRAY['draft','submitted','submitted','approved','approved','approved','approved','rejected','validation_expired','changes_requested'])[1 + g % 10] AS status) AS s
        CROSS JOIN LATERAL (SELECT (ARRAY['north','east','south','central','west','northeast','national'])[1 + g % 7] AS region,
                                   (ARRAY['beijing','shanghai','guangdong','hubei','sichuan','liaoning','overseas'])[1 + g % 7] AS province) AS r;
        """;
    await using (var connection = await sql.OpenConnectionAsync())
    {
        await using (var settings = new NpgsqlCommand("SET synchronous_commit = off", connection))
        {
            await settings.ExecuteNonQueryAsync();
        }

        await using var command = new NpgsqlCommand(Insert, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = count });
        command.Parameters.Add(new NpgsqlParameter { Value = bigCount });
        command.Parameters.Add(new NpgsqlParameter { Value = bigPartner });
        command.Parameters.Add(new NpgsqlParameter { Value = partners });
        command.Parameters.Add(new NpgsqlParameter { Value = now });
        await command.ExecuteNonQueryAsync();
    }

    await using var analyze = sql.CreateCommand("VACUUM ANALYZE opportunities");
    await analyze.ExecuteNonQueryAsync();
}

static async Task<T> ScalarAsync<T>(NpgsqlDataSource sql, string text, object parameter)
{
    await using var command = sql.CreateCommand(text);
    command.Parameters.Add(new NpgsqlParameter { Value = parameter });
    return (T)(await command.ExecuteScalarAsync())!;
}

static string Token(CurrentCaller caller) => TestTokens.For(caller, lifetime: TimeSpan.FromHours(2));

static string LoadAverage() =>
    File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

int IntArgument(string name, int fallback)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
}

/// <summary>One measured query: the service's endpoint and the statements it runs, as bare SQL.</summary>
internal sealed record Case(string Name, string Path, string Token, IReadOnlyList<(string Text, object[] Parameters)> Statements);

using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;
using PartnerPlatform.ServiceDefaults;
using PartnerPlatform.Testing;
using SubscriptionFiles.Benchmark;

// subscription-files-api in a process of its own against real servers (a fresh database, virtual
// host and Redis database). Part 1: one partner with --rows customers exports them through
// POST /v2/partners/exports; the service's resident set size is sampled every 50 ms from idle to
// completion, and the export's rows/s are set against PostgreSQL's own COPY … TO STDOUT (FORMAT csv)
// of the same rows. Part 2: --partners partners each subscribed to customer_information with
// --customers-per-partner customers; last week's deliveries all fall due at once and the service's
// sweeper generates them into local buckets.
// Usage: dotnet run -c Release --project tests/Benchmarks/SubscriptionFiles.Benchmark -- [--rows 1000000] [--partners 10000] [--customers-per-partner 10] [--max-seconds 1800]
var rows = IntArgument("--rows", 1_000_000);
var partners = IntArgument("--partners", 10_000);
var customersPerPartner = IntArgument("--customers-per-partner", 10);
using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(IntArgument("--max-seconds", 1800)));
var configuration = AppContext.BaseDirectory.Contains("/Release/", StringComparison.Ordinal) ? "Release" : "Debug";
var folder = Path.Combine(Path.GetTempPath(), "subscription-files-bench-" + Guid.NewGuid().ToString("N")[..8]);
var bucketRoot = Path.Combine(folder, "buckets");
Directory.CreateDirectory(bucketRoot);
Console.WriteLine($"{Environment.ProcessorCount} cores, load average {LoadAverage()}; service built {configuration}");

var database = new PostgresDatabaseFixture();
var broker = new RabbitMqVirtualHostFixture();
var redis = new RedisDatabaseFixture();
await Task.WhenAll(database.InitializeAsync(), broker.InitializeAsync(), redis.InitializeAsync());
try
{
    await using var service = await ServiceProcess.StartAsync(
        configuration,
        new Dictionary<string, string>
        {
            ["ConnectionStrings__subscriptionfilesdb"] = database.ConnectionString,
            ["ConnectionStrings__eventbus"] = broker.ConnectionUri.ToString(),
            ["ConnectionStrings__redis"] = redis.ConnectionString,
            ["APPLY_MIGRATIONS"] = "true",
            [TestTokens.JwksSetting.Replace(":", "__", StringComparison.Ordinal)] = TestTokens.Jwks,
            ["SubscriptionFiles__LocalBucketRoot"] = bucketRoot,
            ["SubscriptionFiles__ExportRoot"] = Path.Combine(folder, "exports"),
            ["SubscriptionFiles__SweepInterval"] = "00:00:01",
        },
        limit.Token);
    await using var sql = NpgsqlDataSource.Create(database.ConnectionString);

    // Part 1: the 1,000,000-row export.
    var partner = Guid.NewGuid();
    var seeding = Stopwatch.StartNew();
    await ExecuteAsync(
        sql,
        """
        INSERT INTO customers (customer_id, partner_id, account_name, association_type, associated, associated_at, last_event_at)
        SELECT gen_random_uuid(), @partner, 'Zhang Wei ' || i || ' Trading Co., Ltd.', 'reseller', true, now(), now()
        FROM generate_series(1, @rows) i;
        ANALYZE customers;
        """,
        ("partner", partner), ("rows", rows));
    Console.WriteLine($"seeded {rows:N0} customers of one partner in {seeding.Elapsed.TotalSeconds:F1} s");

    using var http = new HttpClient { BaseAddress = service.Address, Timeout = TimeSpan.FromMinutes(5) };
    http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(
        "Bearer", TestTokens.For(new CurrentCaller { IsAuthenticated = true, UserId = "bench-user", PartnerId = partner.ToString() }, lifetime: TimeSpan.FromHours(3)));
    (await http.GetAsync("/v2/partners/exports", limit.Token)).EnsureSuccessStatusCode();
    await Task.Delay(TimeSpan.FromSeconds(3), limit.Token);
    long idle;
    await using (var idleSampler = new RssSampler(service, TimeSpan.FromMilliseconds(50)))
    {
        await Task.Delay(TimeSpan.FromSeconds(3), limit.Token);
        idle = idleSampler.Mean;
    }

    JsonElement export;
    long peak;
    await using (var sampler = new RssSampler(service, TimeSpan.FromMilliseconds(50)))
    {
        using var created = await http.PostAsJsonAsync("/v2/partners/exports", new { list = "customers" }, limit.Token);
        created.EnsureSuccessStatusCode();
        var exportId = (await created.Content.ReadFromJsonAsync<JsonElement>(limit.Token)).GetProperty("id").GetGuid();
        while (true)
        {
            await Task.Delay(200, limit.Token);
            export = await http.GetFromJsonAsync<JsonElement>($"/v2/partners/exports/{exportId}", limit.Token);
            var status = export.GetProperty("status").GetString();
            if (status == "failed")
            {
                throw new InvalidOperationException("The export failed: " + export.GetProperty("error"));
            }

            if (status == "completed")
            {
                break;
            }
        }

        peak = sampler.Peak;
    }

    var exportSeconds = (export.GetProperty("completed_at").GetDateTimeOffset() - export.GetProperty("requested_at").GetDateTimeOffset()).TotalSeconds;
    var exportedRows = export.GetProperty("row_count").GetInt64();
    long downloadedBytes;
    using (var file = await http.GetAsync(export.GetProperty("download_url").GetString(), HttpCompletionOption.ResponseHeadersRead, limit.Token))
    {
        file.EnsureSuccessStatusCode();
        downloadedBytes = await CountBytesAsync(await file.Content.ReadAsStreamAsync(limit.Token), limit.Token);
    }

    var copy = Stopwatch.StartNew();
    long copyBytes;
    await using (var connection = await sql.OpenConnectionAsync(limit.Token))
    {
        var copySql = $"""
            COPY (SELECT customer_id, account_name, association_type, indirect_partner_id, account_manager_id, associated, associated_at
                  FROM customers WHERE (partner_id = '{partner}' OR indirect_partner_id = '{partner}') ORDER BY customer_id)
            TO STDOUT (FORMAT csv, HEADER)
            """;
        using var reader = await connection.BeginTextExportAsync(copySql, limit.Token);
        var buffer = new char[64 * 1024];
        copyBytes = 0;
        int read;
        while ((read = await reader.ReadAsync(buffer, limit.Token)) > 0)
        {
            copyBytes += read;
        }
    }

    var copySeconds = copy.Elapsed.TotalSeconds;
    Console.WriteLine();
    Console.WriteLine($"| {rows:N0}-row export | value |");
    Console.WriteLine("|---|---:|");
    Console.WriteLine($"| service RSS idle (mean of 3 s) | {Mb(idle)} |");
    Console.WriteLine($"| service RSS peak during the export (50 ms samples) | {Mb(peak)} |");
    Console.WriteLine($"| peak above idle (goal < 64 MB) | {Mb(peak - idle)} |");
    Console.WriteLine($"| export: rows, seconds (requested → completed) | {exportedRows:N0} rows, {exportSeconds:F1} s |");
    Console.WriteLine($"| export rows/s | {exportedRows / exportSeconds:N0} |");
    Console.WriteLine($"| export file (anonymised) | {Mb(downloadedBytes)} |");
    Console.WriteLine($"| COPY … TO STDOUT (FORMAT csv) of the same rows | {rows:N0} rows, {copySeconds:F1} s, {Mb(copyBytes)} of text |");
    Console.WriteLine($"| COPY rows/s | {rows / copySeconds:N0} |");
    Console.WriteLine($"| export / COPY | {exportedRows / exportSeconds / (rows / copySeconds):P0} |");

    // Part 2: weekly generation for many subscribed partners.
    var beijing = TimeSpan.FromHours(8);
    var today = DateTimeOffset.UtcNow.ToOffset(beijing);
    var thisMonday = new DateTimeOffset(today.Date.AddDays(-(((int)today.DayOfWeek + 6) % 7)), beijing);
    var periodStart = thisMonday.AddDays(-7);
    var label = $"{periodStart:yyyy-MM-dd}/{thisMonday:yyyy-MM-dd}";
    for (var i = 1; i <= partners; i++)
    {
        Directory.CreateDirectory(Path.Combine(bucketRoot, $"weekly-{i:D5}"));
    }

    seeding.Restart();
    await ExecuteAsync(
        sql,
        """
        BEGIN;
        CREATE TEMP TABLE bench_partners AS
            SELECT i, gen_random_uuid() AS partner_id, gen_random_uuid() AS subscription_id FROM generate_series(1, @partners) i;
        INSERT INTO customers (customer_id, partner_id, account_name, association_type, associated, associated_at, last_event_at)
            SELECT gen_random_uuid(), p.partner_id, 'Li Na ' || c || ' of partner ' || p.i, 'reseller', true, @start, @start
            FROM bench_partners p, generate_series(1, @per_partner) c;
        ANALYZE customers;
        INSERT INTO subscriptions (id, partner_id, bucket_kind, bucket_name, bucket_prefix, created_at, created_by)
            SELECT subscription_id, partner_id, 'local', 'weekly-' || lpad(i::text, 5, '0'), '', @start, 'bench' FROM bench_partners;
        INSERT INTO subscription_contents (partner_id, content, subscription_id, cadence)
            SELECT partner_id, 'customer_information', subscription_id, 'weekly' FROM bench_partners;
        INSERT INTO bucket_claims (bucket_key, partner_id, claimed_at)
            SELECT 'local:weekly-' || lpad(i::text, 5, '0'), partner_id, @start FROM bench_partners;
        INSERT INTO deliveries (id, subscription_id, partner_id, content, period_start, period_end, period, deliver_by, status, next_attempt_at,
                                failed_attempts, runs, file_count, row_count, created_at)
            SELECT gen_random_uuid(), subscription_id, partner_id, 'customer_information', @start, @end, @label, @end + interval '3 days', 'pending', @end,
                   0, 0, 0, 0, @start
            FROM bench_partners;
        COMMIT;
        """,
        ("partners", partners), ("per_partner", customersPerPartner), ("start", periodStart.UtcDateTime), ("end", thisMonday.UtcDateTime), ("label", label));
    var generation = Stopwatch.StartNew();
    Console.WriteLine();
    Console.WriteLine($"seeded {partners:N0} subscribed partners with {customersPerPartner} customers each in {seeding.Elapsed.TotalSeconds:F1} s; their {label} deliveries are due now");
    long delivered;
    long generationPeak;
    await using (var sampler = new RssSampler(service, TimeSpan.FromMilliseconds(200)))
    {
        while (true)
        {
            await Task.Delay(1000, limit.Token);
            await using var count = sql.CreateCommand(
                "SELECT count(*) FILTER (WHERE status = 'delivered'), count(*) FILTER (WHERE status IN ('retrying', 'failed')) FROM deliveries WHERE period = @label");
            count.Parameters.AddWithValue("label", label);
            await using var reader = await count.ExecuteReaderAsync(limit.Token);
            await reader.ReadAsync(limit.Token);
            delivered = reader.GetInt64(0);
            if (reader.GetInt64(1) > 0)
            {
                throw new InvalidOperationException($"{reader.GetInt64(1)} deliveries failed.");
            }

            if (delivered == partners)
            {
                break;
            }
        }

        generationPeak = sampler.Peak;
    }

    var generationSeconds = generation.Elapsed.TotalSeconds;
    Console.WriteLine();
    Console.WriteLine($"| weekly generation, {partners:N0} partners, one instance | value |");
    Console.WriteLine("|---|---:|");
    Console.WriteLine($"| deliveries (files + manifest each), seconds | {delivered:N0}, {generationSeconds:F1} s |");
    Console.WriteLine($"| deliveries/s | {delivered / generationSeconds:F1} |");
    Console.WriteLine($"| service RSS peak | {Mb(generationPeak)} |");
    Console.WriteLine($"load average at the end {LoadAverage()}");
}
finally
{
    await Task.WhenAll(database.DisposeAsync(), broker.DisposeAsync(), redis.DisposeAsync());
    if (Directory.Exists(folder))
    {
        Directory.Delete(folder, recursive: true);
    }
}

static async Task ExecuteAsync(NpgsqlDataSource sql, string text, params (string Name, object Value)[] parameters)
{
    await using var command = sql.CreateCommand(text);
    command.CommandTimeout = 600;
    foreach (var (name, value) in parameters)
    {
        command.Parameters.AddWithValue(name, value);
    }

    await command.ExecuteNonQueryAsync();
}

static async Task<long> CountBytesAsync(Stream stream, CancellationToken cancellationToken)
{
    var buffer = new byte[64 * 1024];
    long total = 0;
    int read;
    while ((read = await stream.ReadAsync(buffer, cancellationToken)) > 0)
    {
        total += read;
    }

    return total;
}

static string Mb(long bytes) => (bytes / 1024.0 / 1024.0).ToString("F1", CultureInfo.InvariantCulture) + " MB";

static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

int IntArgument(string name, int fallback)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
}

using System.Diagnostics;
using System.Globalization;
using Incentives.Api.Application;
using Incentives.Api.Data;
using Incentives.Benchmark;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using NpgsqlTypes;
using PartnerPlatform.Contracts.Incentives;
using PartnerPlatform.Messaging.Outbox;
using PartnerPlatform.ServiceDefaults;
using PartnerPlatform.Testing;
using PartnerPlatform.WorkingDays;

// incentives-api's two bulk jobs against bare SQL bulk statements doing the same writes, in one run on a fresh
// database of the private PostgreSQL:
//  1. monthly FH list generation for N partners (each enrolled with two dedicated people, one project): the service's
//     MonthlyListGeneration (batches claimed with FOR UPDATE SKIP LOCKED, lists + lines + IncentiveListGenerated outbox
//     rows + the enrolment's marker per transaction) against one INSERT … SELECT statement writing the same rows;
//  2. the auto-confirm sweep over M statement lines past their deadline (1 % disputed, which must stay): the service's
//     AutoConfirmation (batches claimed with SKIP LOCKED, StatementConfirmed outbox rows) against one UPDATE … RETURNING
//     feeding an INSERT of the outbox rows.
// Each path starts from the same freshly loaded and analysed tables; the results are checked after each path.
// Usage: dotnet run -c Release --project tests/Benchmarks/Incentives.Benchmark -- [--partners 10000] [--lines 1000000] [--instances 2] [--batch 500]
var partners = IntArgument("--partners", 10_000);
var lines = IntArgument("--lines", 1_000_000);
var instances = IntArgument("--instances", 2);
var batch = IntArgument("--batch", 500);
var total = Stopwatch.StartNew();
var loadAtStart = LoadAverage();

var database = new PostgresDatabaseFixture();
await database.InitializeAsync();
try
{
    var connectionString = PostgresConnectionSettings.WithPlatformSettings(
        new NpgsqlConnectionStringBuilder(database.ConnectionString) { MaxPoolSize = 20, Timeout = 60, CommandTimeout = 600 }.ConnectionString);
    await using var services = BenchmarkServices.Build(connectionString, batch);
    await using (var scope = services.CreateAsyncScope())
    {
        await scope.ServiceProvider.GetRequiredService<IncentivesDbContext>().Database.MigrateAsync();
    }

    await using var sql = NpgsqlDataSource.Create(connectionString);
    var calendar = services.GetRequiredService<IWorkingDayCalendar>();
    var now = DateTimeOffset.UtcNow;
    var month = new DateOnly(now.Year, now.Month, 1).AddMonths(-1);

    Console.WriteLine($"{Environment.ProcessorCount} cores, load average {loadAtStart}; {partners:N0} partners, {lines:N0} statement lines; service: {instances} instance(s), batches of {batch}");

    // 1. Monthly list generation.
    var enrolmentIds = await SeedPartnersAsync(sql, partners);
    var generation = services.GetRequiredService<MonthlyListGeneration>();
    var serviceGeneration = await TimeAsync(async () => (await Task.WhenAll(Enumerable.Range(0, instances).Select(_ => Task.Run(() => generation.GenerateAsync(month))))).Sum());
    await CheckGenerationAsync(sql, partners, "service");

    await ResetGenerationAsync(sql);
    var bareGeneration = await TimeAsync(() => GenerateWithBareSqlAsync(sql, month, calendar.AddWorkingDays(now, 14)));
    await CheckGenerationAsync(sql, partners, "bare SQL");

    // 2. Auto-confirm sweep.
    var disputed = await SeedLinesAsync(sql, lines, enrolmentIds, now);
    var sweeper = services.GetRequiredService<AutoConfirmation>();
    var serviceSweep = await TimeAsync(async () => (await Task.WhenAll(Enumerable.Range(0, instances).Select(_ => Task.Run(() => sweeper.SweepAsync())))).Sum());
    await CheckSweepAsync(sql, lines - disputed, disputed, "service");

    await SeedLinesAsync(sql, lines, enrolmentIds, now);
    var bareSweep = await TimeAsync(() => ConfirmWithBareSqlAsync(sql));
    await CheckSweepAsync(sql, lines - disputed, disputed, "bare SQL");

    Console.WriteLine();
    Console.WriteLine("| job | path | rows handled | time | rows/s | service / bare SQL |");
    Console.WriteLine("|---|---|---:|---:|---:|---:|");
    Row("monthly list generation (lists)", serviceGeneration, bareGeneration);
    Row("auto-confirm sweep (lines)", serviceSweep, bareSweep);
    Console.WriteLine();
    Console.WriteLine($"load average at the end {LoadAverage()}; whole run {total.Elapsed.TotalSeconds:F0} s");
}
finally
{
    await database.DisposeAsync();
}

static void Row(string job, (int Rows, TimeSpan Time) service, (int Rows, TimeSpan Time) bare)
{
    var serviceRate = service.Rows / service.Time.TotalSeconds;
    var bareRate = bare.Rows / bare.Time.TotalSeconds;
    Console.WriteLine($"| {job} | service | {service.Rows:N0} | {service.Time.TotalSeconds:F2} s | {serviceRate:N0} | {serviceRate / bareRate:F2} |");
    Console.WriteLine($"| {job} | bare SQL | {bare.Rows:N0} | {bare.Time.TotalSeconds:F2} s | {bareRate:N0} | |");
}

static async Task<(int Rows, TimeSpan Time)> TimeAsync(Func<Task<int>> run)
{
    var clock = Stopwatch.StartNew();
    var rows = await run();
    return (rows, clock.Elapsed);
}

// Each partner: an active standard-track enrolment, two dedicated people (8,000.00 and 6,500.50 CNY a month), one project of the first.
static async Task<Guid[]> SeedPartnersAsync(NpgsqlDataSource sql, int partners)
{
    var partnerIds = Enumerable.Range(0, partners).Select(_ => Guid.NewGuid()).ToArray();
    var since = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    await using var connection = await sql.OpenConnectionAsync();
    await using (var enrolments = await connection.BeginBinaryImportAsync(
        "COPY fh_enrolments (id, partner_id, track, status, agreement_signed_at, created_at, active_from) FROM STDIN (FORMAT BINARY)"))
    {
        foreach (var partner in partnerIds)
        {
            await enrolments.WriteRowAsync(default, Guid.CreateVersion7(), partner, "standard", "active", since, since, since);
        }

        await enrolments.CompleteAsync();
    }

    var firstStaff = new Guid[partners];
    await using (var staff = await connection.BeginBinaryImportAsync(
        "COPY fh_staff (id, partner_id, track, name, monthly_amount, currency, active_from, updated_at) FROM STDIN (FORMAT BINARY)"))
    {
        for (var i = 0; i < partners; i++)
        {
            firstStaff[i] = Guid.CreateVersion7();
            await staff.WriteRowAsync(default, firstStaff[i], partnerIds[i], "standard", "Expert A", 8000m, "CNY", new DateOnly(2026, 1, 1), since);
            await staff.WriteRowAsync(default, Guid.CreateVersion7(), partnerIds[i], "standard", "Expert B", 6500.50m, "CNY", new DateOnly(2026, 1, 1), since);
        }

        await staff.CompleteAsync();
    }

    await using (var projects = await connection.BeginBinaryImportAsync("COPY fh_projects (id, partner_id, name, staff_id, updated_at) FROM STDIN (FORMAT BINARY)"))
    {
        for (var i = 0; i < partners; i++)
        {
            await projects.WriteRowAsync(default, Guid.CreateVersion7(), partnerIds[i], "Project", firstStaff[i], since);
        }

        await projects.CompleteAsync();
    }

    await Execute(connection, "ANALYZE fh_enrolments; ANALYZE fh_staff; ANALYZE fh_projects;");
    return partnerIds;
}

static async Task ResetGenerationAsync(NpgsqlDataSource sql)
{
    await using var connection = await sql.OpenConnectionAsync();
    await Execute(connection, "TRUNCATE fh_list_lines, fh_monthly_lists, outbox_messages; UPDATE fh_enrolments SET last_generated_month = NULL;");
    await Execute(connection, "VACUUM ANALYZE fh_enrolments;");
}

// The same rows as the service: the enrolment's marker, a list per enrolment, a line per eligible person with their
// projects, an IncentiveListGenerated outbox row per list.
static async Task<int> GenerateWithBareSqlAsync(NpgsqlDataSource sql, DateOnly month, DateTimeOffset verifyBy)
{
    var monthEnd = new DateTimeOffset(month.AddMonths(1).ToDateTime(TimeOnly.MinValue), TimeSpan.FromHours(8)).ToUniversalTime();
    var sample = OutboxMessage.For(new IncentiveListGenerated(Guid.Empty, Guid.Empty, "", "", 0, 0, "", default, default), DateTimeOffset.UtcNow);
    await using var command = sql.CreateCommand(
        """
        WITH claimed AS (
            UPDATE fh_enrolments SET last_generated_month = $1
            WHERE status = 'active' AND active_from < $2 AND (last_generated_month IS NULL OR last_generated_month < $1)
            RETURNING partner_id, track),
        eligible AS (
            SELECT s.partner_id, s.track, s.id AS staff_id, s.name, s.monthly_amount, s.currency
            FROM claimed c JOIN fh_staff s ON s.partner_id = c.partner_id AND s.track = c.track
            WHERE s.active_from <= ($1::date + interval '1 month' - interval '1 day')::date AND (s.active_to IS NULL OR s.active_to >= $1)),
        lists AS (
            INSERT INTO fh_monthly_lists (id, partner_id, track, month, status, staff_count, total_amount, currency, generated_at, verify_by, materials)
            SELECT gen_random_uuid(), partner_id, track, $1, 'awaiting_verification', count(*), sum(monthly_amount), min(currency), now(), $3, '{}'
            FROM eligible GROUP BY partner_id, track
            RETURNING id, partner_id, track, staff_count, total_amount, currency, verify_by),
        list_lines AS (
            INSERT INTO fh_list_lines (list_id, staff_id, staff_name, amount, project_ids)
            SELECT l.id, e.staff_id, e.name, e.monthly_amount, coalesce((SELECT array_agg(p.id) FROM fh_projects p WHERE p.staff_id = e.staff_id), '{}')
            FROM lists l JOIN eligible e ON e.partner_id = l.partner_id AND e.track = l.track)
        INSERT INTO outbox_messages (id, message_type, payload, created_at, available_at, attempts)
        SELECT gen_random_uuid(), $4,
               jsonb_build_object('listId', id, 'partnerId', partner_id, 'track', track, 'month', to_char($1, 'YYYY-MM'), 'staffCount', staff_count,
                                  'totalAmount', total_amount, 'currency', currency, 'verifyBy', verify_by, 'occurredAt', now()),
               now(), now(), 0
        FROM lists
        """);
    command.Parameters.Add(new NpgsqlParameter { Value = month, NpgsqlDbType = NpgsqlDbType.Date });
    command.Parameters.Add(new NpgsqlParameter { Value = monthEnd, NpgsqlDbType = NpgsqlDbType.TimestampTz });
    command.Parameters.Add(new NpgsqlParameter { Value = verifyBy, NpgsqlDbType = NpgsqlDbType.TimestampTz });
    command.Parameters.Add(new NpgsqlParameter { Value = sample.MessageType });
    return await command.ExecuteNonQueryAsync();
}

static async Task CheckGenerationAsync(NpgsqlDataSource sql, int partners, string path)
{
    await using var connection = await sql.OpenConnectionAsync();
    var lists = await Scalar(connection, "SELECT count(*) FROM fh_monthly_lists WHERE total_amount = 14500.50 AND staff_count = 2");
    var listLines = await Scalar(connection, "SELECT count(*) FROM fh_list_lines");
    var withProject = await Scalar(connection, "SELECT count(*) FROM fh_list_lines WHERE cardinality(project_ids) = 1");
    var events = await Scalar(connection, "SELECT count(*) FROM outbox_messages WHERE message_type LIKE '%IncentiveListGenerated%'");
    var pending = await Scalar(connection, "SELECT count(*) FROM fh_enrolments WHERE last_generated_month IS NULL");
    if (lists != partners || listLines != 2L * partners || withProject != partners || events != partners || pending != 0)
    {
        throw new InvalidOperationException($"{path}: {lists} lists, {listLines} lines ({withProject} with a project), {events} events, {pending} enrolments left for {partners} partners");
    }
}

// M lines past their deadline (confirm_by yesterday) over the partners; every hundredth disputed (paused). Returns how many are disputed.
static async Task<int> SeedLinesAsync(NpgsqlDataSource sql, int lines, Guid[] partnerIds, DateTimeOffset now)
{
    await using var connection = await sql.OpenConnectionAsync();
    await Execute(connection, "TRUNCATE statement_lines, outbox_messages;");
    var period = new DateOnly(now.Year, now.Month, 1).AddMonths(-1);
    var confirmBy = now.AddDays(-1);
    var disputed = 0;
    await using (var import = await connection.BeginBinaryImportAsync(
        """
        COPY statement_lines (id, partner_id, period, incentive_kind, amount, original_amount, currency, status, metric, metric_value, formula,
                              sources, netting_trail, created_at, confirm_by, feedback, feedback_at)
        FROM STDIN (FORMAT BINARY)
        """))
    {
        string[] sources = ["billing:" + period.ToString("yyyy-MM", CultureInfo.InvariantCulture)];
        for (var i = 0; i < lines; i++)
        {
            var amount = 10m + (i % 10_000) / 100m;
            var isDisputed = i % 100 == 0;
            disputed += isDisputed ? 1 : 0;
            await import.StartRowAsync();
            await import.WriteAsync(Guid.CreateVersion7(), NpgsqlDbType.Uuid);
            await import.WriteAsync(partnerIds[i % partnerIds.Length], NpgsqlDbType.Uuid);
            await import.WriteAsync(period, NpgsqlDbType.Date);
            await import.WriteAsync("cloud_consumption", NpgsqlDbType.Varchar);
            await import.WriteAsync(amount, NpgsqlDbType.Numeric);
            await import.WriteAsync(amount, NpgsqlDbType.Numeric);
            await import.WriteAsync("CNY", NpgsqlDbType.Varchar);
            await import.WriteAsync("pending_confirmation", NpgsqlDbType.Varchar);
            await import.WriteAsync("consumption", NpgsqlDbType.Varchar);
            await import.WriteAsync(amount * 20, NpgsqlDbType.Numeric);
            await import.WriteAsync("consumption × 5%", NpgsqlDbType.Varchar);
            await import.WriteAsync(sources, NpgsqlDbType.Array | NpgsqlDbType.Text);
            await import.WriteAsync(Array.Empty<string>(), NpgsqlDbType.Array | NpgsqlDbType.Text);
            await import.WriteAsync(now.AddDays(-10), NpgsqlDbType.TimestampTz);
            await import.WriteAsync(confirmBy, NpgsqlDbType.TimestampTz);
            if (isDisputed)
            {
                await import.WriteAsync("the consumption is lower", NpgsqlDbType.Varchar);
                await import.WriteAsync(now.AddDays(-2), NpgsqlDbType.TimestampTz);
            }
            else
            {
                await import.WriteNullAsync();
                await import.WriteNullAsync();
            }
        }

        await import.CompleteAsync();
    }

    await Execute(connection, "VACUUM ANALYZE statement_lines;");
    return disputed;
}

// The same writes as the service's sweep: each due line confirmed automatically, a StatementConfirmed outbox row per line.
static async Task<int> ConfirmWithBareSqlAsync(NpgsqlDataSource sql)
{
    var sample = OutboxMessage.For(new StatementConfirmed(Guid.Empty, Guid.Empty, "", 0, "", true, default), DateTimeOffset.UtcNow);
    await using var command = sql.CreateCommand(
        """
        WITH confirmed AS (
            UPDATE statement_lines SET status = 'issuing', confirmed_at = now(), confirmed_automatically = TRUE
            WHERE status = 'pending_confirmation' AND feedback_at IS NULL AND confirm_by < now()
            RETURNING id, partner_id, period, amount, currency, confirmed_at)
        INSERT INTO outbox_messages (id, message_type, payload, created_at, available_at, attempts)
        SELECT gen_random_uuid(), $1,
               jsonb_build_object('statementLineId', id, 'partnerId', partner_id, 'period', to_char(period, 'YYYY-MM'), 'amount', amount,
                                  'currency', currency, 'automatically', TRUE, 'occurredAt', confirmed_at),
               now(), now(), 0
        FROM confirmed
        """);
    command.Parameters.Add(new NpgsqlParameter { Value = sample.MessageType });
    return await command.ExecuteNonQueryAsync();
}

static async Task CheckSweepAsync(NpgsqlDataSource sql, int due, int disputed, string path)
{
    await using var connection = await sql.OpenConnectionAsync();
    var confirmed = await Scalar(connection, "SELECT count(*) FROM statement_lines WHERE status = 'issuing' AND confirmed_automatically");
    var paused = await Scalar(connection, "SELECT count(*) FROM statement_lines WHERE status = 'pending_confirmation' AND feedback_at IS NOT NULL");
    var events = await Scalar(connection, "SELECT count(*) FROM outbox_messages WHERE message_type LIKE '%StatementConfirmed%'");
    if (confirmed != due || paused != disputed || events != due)
    {
        throw new InvalidOperationException($"{path}: {confirmed} confirmed of {due}, {paused} disputed left of {disputed}, {events} events");
    }
}

static async Task Execute(NpgsqlConnection connection, string text)
{
    await using var command = new NpgsqlCommand(text, connection) { CommandTimeout = 600 };
    await command.ExecuteNonQueryAsync();
}

static async Task<long> Scalar(NpgsqlConnection connection, string text)
{
    await using var command = new NpgsqlCommand(text, connection);
    return (long)(await command.ExecuteScalarAsync())!;
}

static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

int IntArgument(string name, int fallback)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
}

using Incentives.Api.Data;
using Incentives.Api.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PartnerPlatform.Contracts.Incentives;
using Npgsql;
using NpgsqlTypes;
using PartnerPlatform.Messaging.Outbox;
using PartnerPlatform.ServiceDefaults;
using PartnerPlatform.WorkingDays;

namespace Incentives.Api.Application;

/// <summary>
/// Generates the monthly FH lists of eligible staff and amounts (seed: at the start of each month, for the
/// month just ended). Safe with any number of instances: each batch claims active enrolments not yet handled
/// for the month with <c>FOR UPDATE SKIP LOCKED</c> and marks them (<c>last_generated_month</c>) in the same
/// transaction as their lists and events; a concurrent claimer skips locked rows and re-checks the marker on
/// rows freed meanwhile, and the unique key (partner, track, month) backs it up. Each list is generated once.
/// A batch writes its rows in one statement (see the benchmark in the service README).
/// </summary>
public sealed class MonthlyListGeneration(
    IServiceScopeFactory scopeFactory, IWorkingDayCalendar calendar, TimeProvider time, IOptions<IncentivesOptions> options)
{
    private static readonly TimeZoneInfo ChinaTime = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    /// <summary>The month whose list is due now: the previous month in China time.</summary>
    public DateOnly DueMonth() => Periods.MonthStart(calendar.LocalDate(time.GetUtcNow())).AddMonths(-1);

    /// <summary>Generates every list of <paramref name="month"/> not yet generated; returns how many this call generated.</summary>
    public async Task<int> GenerateAsync(DateOnly month, CancellationToken cancellationToken = default)
    {
        var total = 0;
        while (true)
        {
            var (claimed, generated) = await GenerateBatchAsync(month, cancellationToken);
            total += generated;
            if (claimed < options.Value.BatchSize)
            {
                return total;
            }
        }
    }

    private async Task<(int Claimed, int Generated)> GenerateBatchAsync(DateOnly month, CancellationToken cancellationToken)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IncentivesDbContext>();
        var now = time.Now();
        var monthEnd = new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(month.AddMonths(1).ToDateTime(TimeOnly.MinValue), ChinaTime), TimeSpan.Zero);
        var batchSize = options.Value.BatchSize;

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var enrolments = await db.FhEnrolments.FromSql(
            $"""
            SELECT * FROM fh_enrolments
            WHERE status = 'active' AND active_from < {monthEnd}
              AND (last_generated_month IS NULL OR last_generated_month < {month})
            ORDER BY id
            LIMIT {batchSize}
            FOR UPDATE SKIP LOCKED
            """).ToListAsync(cancellationToken);
        if (enrolments.Count == 0)
        {
            return (0, 0);
        }

        var partnerIds = enrolments.Select(e => e.PartnerId).Distinct().ToList();
        var staff = await db.FhStaff.Where(s => partnerIds.Contains(s.PartnerId)).ToListAsync(cancellationToken);
        var staffByEnrolment = staff.ToLookup(s => (s.PartnerId, s.Track));
        var verifyBy = calendar.AddWorkingDays(now, options.Value.VerificationWorkingDays);

        var lists = new List<FhMonthlyList>();
        foreach (var enrolment in enrolments)
        {
            var eligible = staffByEnrolment[(enrolment.PartnerId, enrolment.Track)].Where(s => s.ActiveIn(month)).OrderBy(s => s.Name).ToList();
            if (eligible.Count == 0)
            {
                continue;
            }

            lists.Add(new FhMonthlyList
            {
                Id = Guid.CreateVersion7(now),
                PartnerId = enrolment.PartnerId,
                Track = enrolment.Track,
                Month = month,
                Status = MonthlyListStatus.AwaitingVerification,
                StaffCount = eligible.Count,
                TotalAmount = eligible.Sum(s => s.MonthlyAmount),
                Currency = eligible[0].Currency,
                GeneratedAt = now,
                VerifyBy = verifyBy,
                Lines = [.. eligible.Select(s => new FhListLine { StaffId = s.Id, StaffName = s.Name, Amount = s.MonthlyAmount })],
            });
        }

        await WriteAsync(db, month, [.. enrolments.Select(e => e.Id)], lists, now, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (enrolments.Count, lists.Count);
    }

    /// <summary>
    /// One statement per batch: the enrolments' marker, the lists, their lines (with the projects each person holds
    /// now), the <see cref="IncentiveListGenerated"/> outbox rows and the relay's notification.
    /// </summary>
    private static async Task WriteAsync(
        IncentivesDbContext db, DateOnly month, Guid[] enrolmentIds, List<FhMonthlyList> lists, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var lines = lists.SelectMany(l => l.Lines.Select(line => (ListId: l.Id, Line: line))).ToList();
        var events = lists.Select(l => OutboxMessage.For(
            new IncentiveListGenerated(l.Id, l.PartnerId, SnakeCaseEnum.Name(l.Track), Periods.MonthText(month), l.StaffCount, l.TotalAmount, l.Currency, l.VerifyBy, now), now)).ToList();
        List<NpgsqlParameter> parameters =
        [
            new("month", NpgsqlDbType.Date) { Value = month },
            new("now", NpgsqlDbType.TimestampTz) { Value = now },
            new("enrolment_ids", NpgsqlDbType.Array | NpgsqlDbType.Uuid) { Value = enrolmentIds },
            new("list_ids", NpgsqlDbType.Array | NpgsqlDbType.Uuid) { Value = lists.Select(l => l.Id).ToArray() },
            new("list_partner_ids", NpgsqlDbType.Array | NpgsqlDbType.Uuid) { Value = lists.Select(l => l.PartnerId).ToArray() },
            new("list_tracks", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = lists.Select(l => SnakeCaseEnum.Name(l.Track)).ToArray() },
            new("list_staff_counts", NpgsqlDbType.Array | NpgsqlDbType.Integer) { Value = lists.Select(l => l.StaffCount).ToArray() },
            new("list_totals", NpgsqlDbType.Array | NpgsqlDbType.Numeric) { Value = lists.Select(l => l.TotalAmount).ToArray() },
            new("list_currencies", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = lists.Select(l => l.Currency).ToArray() },
            new("list_verify_by", NpgsqlDbType.Array | NpgsqlDbType.TimestampTz) { Value = lists.Select(l => l.VerifyBy).ToArray() },
            new("line_list_ids", NpgsqlDbType.Array | NpgsqlDbType.Uuid) { Value = lines.Select(l => l.ListId).ToArray() },
            new("line_staff_ids", NpgsqlDbType.Array | NpgsqlDbType.Uuid) { Value = lines.Select(l => l.Line.StaffId).ToArray() },
            new("line_staff_names", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = lines.Select(l => l.Line.StaffName).ToArray() },
            new("line_amounts", NpgsqlDbType.Array | NpgsqlDbType.Numeric) { Value = lines.Select(l => l.Line.Amount).ToArray() },
            .. OutboxStatement.Parameters(events),
        ];
        var write = $"""
            UPDATE fh_enrolments SET last_generated_month = @month WHERE id = ANY(@enrolment_ids);
            INSERT INTO fh_monthly_lists (id, partner_id, track, month, status, staff_count, total_amount, currency, generated_at, verify_by, materials)
            SELECT l.id, l.partner_id, l.track, @month, 'awaiting_verification', l.staff_count, l.total_amount, l.currency, @now, l.verify_by, ARRAY[]::text[]
            FROM unnest(@list_ids, @list_partner_ids, @list_tracks, @list_staff_counts, @list_totals, @list_currencies, @list_verify_by)
                AS l(id, partner_id, track, staff_count, total_amount, currency, verify_by);
            INSERT INTO fh_list_lines (list_id, staff_id, staff_name, amount, project_ids)
            SELECT x.list_id, x.staff_id, x.staff_name, x.amount,
                   coalesce((SELECT array_agg(p.id ORDER BY p.id) FROM fh_projects p WHERE p.staff_id = x.staff_id), ARRAY[]::uuid[])
            FROM unnest(@line_list_ids, @line_staff_ids, @line_staff_names, @line_amounts) AS x(list_id, staff_id, staff_name, amount);
            {OutboxStatement.InsertSql(db)};
            {OutboxStatement.NotifySql(db)};
            """;
        await db.Database.ExecuteSqlRawAsync(write, parameters, cancellationToken);
    }
}

using Incentives.Api.Data;
using Incentives.Api.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PartnerPlatform.Contracts.Incentives;
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
        var outbox = scope.ServiceProvider.GetRequiredService<IOutbox>();
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
            """).AsTracking().ToListAsync(cancellationToken);
        if (enrolments.Count == 0)
        {
            return (0, 0);
        }

        var partnerIds = enrolments.Select(e => e.PartnerId).Distinct().ToList();
        var staff = await db.FhStaff.Where(s => partnerIds.Contains(s.PartnerId)).ToListAsync(cancellationToken);
        var staffIds = staff.Select(s => s.Id).ToList();
        var projects = await db.FhProjects.Where(p => p.StaffId != null && staffIds.Contains(p.StaffId.Value))
            .Select(p => new { p.Id, StaffId = p.StaffId!.Value }).ToListAsync(cancellationToken);
        var projectsByStaff = projects.ToLookup(p => p.StaffId, p => p.Id);
        var staffByEnrolment = staff.ToLookup(s => (s.PartnerId, s.Track));
        var verifyBy = calendar.AddWorkingDays(now, options.Value.VerificationWorkingDays);

        var generated = 0;
        foreach (var enrolment in enrolments)
        {
            enrolment.LastGeneratedMonth = month;
            var eligible = staffByEnrolment[(enrolment.PartnerId, enrolment.Track)].Where(s => s.ActiveIn(month)).OrderBy(s => s.Name).ToList();
            if (eligible.Count == 0)
            {
                continue;
            }

            var list = new FhMonthlyList
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
                Lines = [.. eligible.Select(s => new FhListLine { StaffId = s.Id, StaffName = s.Name, Amount = s.MonthlyAmount, ProjectIds = [.. projectsByStaff[s.Id]] })],
            };
            db.FhMonthlyLists.Add(list);
            outbox.Add(new IncentiveListGenerated(
                list.Id, list.PartnerId, Wire.Name(list.Track), Periods.MonthText(month), list.StaffCount, list.TotalAmount, list.Currency, list.VerifyBy, now));
            generated++;
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (enrolments.Count, generated);
    }
}

using Incentives.Api.Data;
using Incentives.Api.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PartnerPlatform.ServiceDefaults;
using PartnerPlatform.WorkingDays;

namespace Incentives.Api.DemoData;

/// <summary>
/// The demo solution provider's incentives, under well-known ids so that seeding twice changes nothing: the
/// partner is role certified with certified business information (identity-api's demo data does not raise
/// those events), is enrolled on the standard FH track with two dedicated people, has a quarter whose three
/// months passed first review (ready for payment), last month's list awaiting verification, and a published
/// statement with one disputed line and one awaiting confirmation, and an MDF quota for the year with an approved
/// roadshow starting next week and a WeChat campaign awaiting approval.
/// </summary>
public sealed class IncentivesDemoData(IncentivesDbContext db, TimeProvider time, IWorkingDayCalendar calendar, IOptions<IncentivesOptions> options)
{
    public static readonly Guid Enrolment = new("de3000f0-0000-4000-8000-000000000001");
    public static readonly Guid FirstStaff = new("de3000f0-0000-4000-8000-000000000011");
    public static readonly Guid SecondStaff = new("de3000f0-0000-4000-8000-000000000012");
    public static readonly Guid Project = new("de3000f0-0000-4000-8000-000000000021");
    public static readonly Guid AwaitingList = new("de3000f0-0000-4000-8000-000000000031");
    public static readonly Guid DisputedLine = new("de3000f0-0000-4000-8000-000000000041");
    public static readonly Guid PendingLine = new("de3000f0-0000-4000-8000-000000000042");
    public static readonly Guid ApprovedMdfApplication = new("de3000f0-0000-4000-8000-000000000051");
    public static readonly Guid PendingMdfApplication = new("de3000f0-0000-4000-8000-000000000052");

    private const decimal FirstAmount = 8000m;
    private const decimal SecondAmount = 6500m;

    public async Task<IReadOnlyList<string>> SeedAsync(CancellationToken cancellationToken)
    {
        var partner = DemoPartners.SolutionProvider;
        if (await db.FhEnrolments.AnyAsync(e => e.Id == Enrolment, cancellationToken))
        {
            return [$"demo data: incentives of {partner} already seeded"];
        }

        var now = time.Now();
        var lastMonth = Periods.MonthStart(calendar.LocalDate(now)).AddMonths(-1);
        var readyQuarter = Periods.QuarterStart(lastMonth).AddMonths(-3);

        var profile = await db.PartnerProfiles.AsTracking().SingleOrDefaultAsync(p => p.PartnerId == partner, cancellationToken);
        if (profile is null)
        {
            profile = new PartnerProfile { PartnerId = partner };
            db.PartnerProfiles.Add(profile);
        }

        profile.PathStage = PartnerProfile.RoleCertified;
        profile.PathStageAt ??= now;
        profile.BusinessInfoCertifiedAt ??= now;

        db.FhEnrolments.Add(new FhEnrolment
        {
            Id = Enrolment, PartnerId = partner, Track = FhTrack.Standard, Status = EnrolmentStatus.Active,
            AgreementSignedAt = now.AddMonths(-7), CreatedAt = now.AddMonths(-7), ActiveFrom = now.AddMonths(-7), LastGeneratedMonth = lastMonth,
        });
        db.FhStaff.Add(new FhStaff { Id = FirstStaff, PartnerId = partner, Track = FhTrack.Standard, Name = "【演示】王工", MonthlyAmount = FirstAmount, ActiveFrom = readyQuarter, UpdatedAt = now });
        db.FhStaff.Add(new FhStaff { Id = SecondStaff, PartnerId = partner, Track = FhTrack.Standard, Name = "【演示】李工", MonthlyAmount = SecondAmount, ActiveFrom = readyQuarter, UpdatedAt = now });
        db.FhProjects.Add(new FhProject { Id = Project, PartnerId = partner, Name = "【演示】ERP 上云项目", StaffId = FirstStaff, UpdatedAt = now });

        for (var i = 0; i < 3; i++)
        {
            var month = readyQuarter.AddMonths(i);
            db.FhMonthlyLists.Add(List(Guid.CreateVersion7(now), partner, month, MonthlyListStatus.Passed, now));
        }

        db.FhMonthlyLists.Add(List(AwaitingList, partner, lastMonth, MonthlyListStatus.AwaitingVerification, now));

        var confirmBy = calendar.AddWorkingDays(now, 5);
        db.StatementLines.Add(Line(DisputedLine, partner, lastMonth, "cloud_consumption", 1200m, now, confirmBy, "【演示】消费额与账单不一致"));
        db.StatementLines.Add(Line(PendingLine, partner, lastMonth, "new_customer", 800m, now, confirmBy, null));
        var today = calendar.LocalDate(now);
        db.MdfQuotas.Add(new MdfQuota { PartnerId = partner, Year = today.Year, Amount = 200_000m, ApprovedTotal = 30_000m, Currency = "CNY", SetBy = "demo-data", UpdatedAt = now });
        db.MdfApplications.Add(Mdf(ApprovedMdfApplication, "roadshow", "【演示】华东数字化转型巡展", today.AddDays(7), 30_000m, MdfApplicationStatus.Approved));
        db.MdfApplications.Add(Mdf(PendingMdfApplication, "wechat", "【演示】微信公众号云产品推广", today.AddDays(14), 12_000m, MdfApplicationStatus.Applied));
        await db.SaveChangesAsync(cancellationToken);

        return
        [
            $"demo data: FH for {partner}: quarter {Periods.QuarterText(readyQuarter)} ready for payment, month {Periods.MonthText(lastMonth)} awaiting verification (list {AwaitingList})",
            $"demo data: statement {Periods.MonthText(lastMonth)} for {partner}: disputed line {DisputedLine}, line {PendingLine} awaiting confirmation",
            $"demo data: MDF for {partner}: application {ApprovedMdfApplication} approved, application {PendingMdfApplication} awaiting approval",
        ];

        MdfApplication Mdf(Guid id, string category, string title, DateOnly start, decimal amount, MdfApplicationStatus status) => new()
        {
            Id = id, PartnerId = partner, CategoryCode = category, Title = title, ActivityStart = start, ActivityEnd = start.AddDays(2), RequestedAmount = amount,
            ApprovedAmount = status == MdfApplicationStatus.Approved ? amount : null, Currency = "CNY", Attestation = Application.Mdf.Attestation, AttestedAt = now,
            Status = status, AppliedAt = now, DecidedAt = status == MdfApplicationStatus.Approved ? now : null,
            DecidedBy = status == MdfApplicationStatus.Approved ? "demo-data" : null, ClaimBy = start.AddDays(2 + options.Value.MdfClaimWindowDays),
        };

        FhMonthlyList List(Guid id, Guid partnerId, DateOnly month, MonthlyListStatus status, DateTimeOffset at) => new()
        {
            Id = id, PartnerId = partnerId, Track = FhTrack.Standard, Month = month, Status = status, StaffCount = 2,
            TotalAmount = FirstAmount + SecondAmount, Currency = "CNY", GeneratedAt = at, VerifyBy = calendar.AddWorkingDays(at, 14),
            VerifiedAt = status == MonthlyListStatus.Passed ? at : null, ReviewedAt = status == MonthlyListStatus.Passed ? at : null,
            ReviewedBy = status == MonthlyListStatus.Passed ? "demo-data" : null, Materials = status == MonthlyListStatus.Passed ? ["demo-attendance.pdf"] : [],
            Lines =
            [
                new FhListLine { StaffId = FirstStaff, StaffName = "【演示】王工", Amount = FirstAmount, ProjectIds = [Project] },
                new FhListLine { StaffId = SecondStaff, StaffName = "【演示】李工", Amount = SecondAmount },
            ],
        };
    }

    private static StatementLine Line(Guid id, Guid partner, DateOnly period, string kind, decimal amount, DateTimeOffset at, DateTimeOffset confirmBy, string? feedback) => new()
    {
        Id = id, PartnerId = partner, Period = period, IncentiveKind = kind, Amount = amount, OriginalAmount = amount, Currency = "CNY",
        Status = StatementLineStatus.PendingConfirmation, Metric = kind + "_amount", MetricValue = amount * 20, Formula = $"{kind}_amount × 5%",
        Sources = [$"billing:{period:yyyy-MM}:{kind}"], CreatedAt = at, ConfirmBy = confirmBy, Feedback = feedback, FeedbackAt = feedback is null ? null : at,
    };
}

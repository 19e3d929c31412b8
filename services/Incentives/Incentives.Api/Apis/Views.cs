using Incentives.Api.Domain;

namespace Incentives.Api.Apis;

public sealed record EnrolmentView(Guid Id, Guid PartnerId, FhTrack Track, EnrolmentStatus Status, DateTimeOffset AgreementSignedAt, DateTimeOffset? ActiveFrom, string? DecidedBy, string? Remark)
{
    public static EnrolmentView Of(FhEnrolment e) => new(e.Id, e.PartnerId, e.Track, e.Status, e.AgreementSignedAt, e.ActiveFrom, e.DecidedBy, e.Remark);
}

public sealed record EnrolmentsView(IReadOnlyList<EnrolmentView> Enrolments);

public sealed record StaffView(Guid Id, Guid PartnerId, FhTrack Track, string Name, decimal MonthlyAmount, string Currency, DateOnly ActiveFrom, DateOnly? ActiveTo)
{
    public static StaffView Of(FhStaff s) => new(s.Id, s.PartnerId, s.Track, s.Name, s.MonthlyAmount, s.Currency, s.ActiveFrom, s.ActiveTo);
}

public sealed record StaffListView(IReadOnlyList<StaffView> Staff);

public sealed record ProjectView(Guid Id, Guid PartnerId, string Name, Guid? StaffId)
{
    public static ProjectView Of(FhProject p) => new(p.Id, p.PartnerId, p.Name, p.StaffId);
}

public sealed record ProjectsView(IReadOnlyList<ProjectView> Projects);

public sealed record ListLineView(Guid StaffId, string StaffName, decimal Amount, IReadOnlyList<Guid> ProjectIds);

public sealed record MonthlyListView(
    Guid Id, Guid PartnerId, FhTrack Track, string Month, MonthlyListStatus Status, int StaffCount, decimal TotalAmount, string Currency,
    DateTimeOffset GeneratedAt, DateTimeOffset VerifyBy, DateTimeOffset? VerifiedAt, IReadOnlyList<string> Materials,
    DateTimeOffset? ReviewedAt, string? ReviewRemark, string? VoidReason, Guid? PaymentApplicationId, IReadOnlyList<ListLineView>? Lines)
{
    public static MonthlyListView Of(FhMonthlyList l, bool withLines = false) => new(
        l.Id, l.PartnerId, l.Track, Periods.MonthText(l.Month), l.Status, l.StaffCount, l.TotalAmount, l.Currency, l.GeneratedAt, l.VerifyBy,
        l.VerifiedAt, l.Materials, l.ReviewedAt, l.ReviewRemark, l.VoidReason, l.PaymentApplicationId,
        withLines ? [.. l.Lines.OrderBy(x => x.StaffName).Select(x => new ListLineView(x.StaffId, x.StaffName, x.Amount, x.ProjectIds))] : null);
}

public sealed record MonthlyListsView(int TotalCount, IReadOnlyList<MonthlyListView> MonthlyLists);

public sealed record GenerationView(string Month, int Generated);

public sealed record InvoiceView(Guid Id, Guid PaymentApplicationId, string InvoiceNumber, decimal Amount, string Currency, DateOnly IssuedOn, DateTimeOffset RegisteredAt)
{
    public static InvoiceView Of(Invoice i) => new(i.Id, i.PaymentApplicationId, i.InvoiceNumber, i.Amount, i.Currency, i.IssuedOn, i.RegisteredAt);
}

public sealed record PaymentApplicationView(
    Guid Id, Guid PartnerId, string Quarter, decimal Amount, string Currency, PaymentStatus Status, DateTimeOffset AppliedAt,
    DateTimeOffset? InvoiceReceivedAt, DateTimeOffset? PayingAt, DateTimeOffset? PayBy, DateTimeOffset? PaidAt, decimal InvoicedAmount, IReadOnlyList<InvoiceView> Invoices)
{
    public static PaymentApplicationView Of(PaymentApplication a) => new(
        a.Id, a.PartnerId, Periods.QuarterText(a.Quarter), a.Amount, a.Currency, a.Status, a.AppliedAt, a.InvoiceReceivedAt, a.PayingAt, a.PayBy, a.PaidAt,
        a.Invoices.Sum(i => i.Amount), [.. a.Invoices.OrderBy(i => i.RegisteredAt).Select(InvoiceView.Of)]);
}

public sealed record PaymentApplicationsView(int TotalCount, IReadOnlyList<PaymentApplicationView> PaymentApplications);

/// <summary>A statement line with its explanation: the formula over the metric, the source records and the netting trail.</summary>
public sealed record StatementLineView(
    Guid Id, Guid PartnerId, string Period, string IncentiveKind, decimal Amount, decimal OriginalAmount, string Currency, StatementLineStatus Status,
    string Metric, decimal MetricValue, string Formula, IReadOnlyList<string> Sources, IReadOnlyList<string> NettingTrail,
    DateTimeOffset? ConfirmBy, string? Feedback, DateTimeOffset? FeedbackAt, DateTimeOffset? ConfirmedAt, bool? ConfirmedAutomatically, DateTimeOffset? IssuedAt)
{
    public static StatementLineView Of(StatementLine l) => new(
        l.Id, l.PartnerId, Periods.MonthText(l.Period), l.IncentiveKind, l.Amount, l.OriginalAmount, l.Currency, l.Status, l.Metric, l.MetricValue, l.Formula,
        l.Sources, l.NettingTrail, l.ConfirmBy, l.Feedback, l.FeedbackAt, l.ConfirmedAt, l.ConfirmedAutomatically, l.IssuedAt);
}

public sealed record StatementLinesView(int TotalCount, IReadOnlyList<StatementLineView> StatementLines);

public sealed record ScopeView(long Id, string IncentiveKind, RegionScope RegionScope, DateOnly EffectiveFrom, string ChangedBy, DateTimeOffset ChangedAt)
{
    public static ScopeView Of(CapabilityIncentiveScope s) => new(s.Id, s.IncentiveKind, s.RegionScope, s.EffectiveFrom, s.ChangedBy, s.ChangedAt);
}

public sealed record ScopesView(IReadOnlyList<ScopeView> Scopes);

public sealed record CapabilityClaimView(Guid Id, Guid PartnerId, string IncentiveKind, RegionScope Region, decimal Amount, string Currency, long ScopeId, DateTimeOffset ClaimedAt)
{
    public static CapabilityClaimView Of(CapabilityIncentiveClaim c) => new(c.Id, c.PartnerId, c.IncentiveKind, c.Region, c.Amount, c.Currency, c.ScopeId, c.ClaimedAt);
}

public sealed record ProjectSubsidyView(Guid Id, Guid ProjectId, Guid PartnerId, SubsidyStatus Status, bool LargeProject, IReadOnlyList<string> CapabilityTagsAtApplication, DateTimeOffset AppliedAt)
{
    public static ProjectSubsidyView Of(ProjectSubsidy s) => new(s.Id, s.ProjectId, s.PartnerId, s.Status, s.LargeProject, s.CapabilityTagsAtApplication, s.AppliedAt);
}


public sealed record MdfCategoryView(string Code, string Group, string Name)
{
    public static MdfCategoryView Of(MdfCategory c) => new(c.Code, c.Group, c.Name);
}

public sealed record MdfCategoriesView(IReadOnlyList<MdfCategoryView> Categories);

public sealed record MdfQuotaView(Guid PartnerId, int Year, decimal Amount, decimal ApprovedTotal, decimal Remaining, string Currency, DateTimeOffset UpdatedAt)
{
    public static MdfQuotaView Of(MdfQuota q) => new(q.PartnerId, q.Year, q.Amount, q.ApprovedTotal, q.Remaining, q.Currency, q.UpdatedAt);
}

public sealed record MdfQuotasView(IReadOnlyList<MdfQuotaView> Quotas);

public sealed record MdfInvoiceView(Guid Id, string InvoiceNumber, decimal Amount, string Currency, DateOnly IssuedOn)
{
    public static MdfInvoiceView Of(MdfInvoice i) => new(i.Id, i.InvoiceNumber, i.Amount, i.Currency, i.IssuedOn);
}

public sealed record MdfClaimView(
    Guid Id, Guid ApplicationId, Guid PartnerId, decimal Amount, string Currency, MdfClaimStatus Status, DateTimeOffset SubmittedAt,
    DateTimeOffset? DecidedAt, string? Remark, DateTimeOffset? PaidAt, decimal InvoicedAmount, IReadOnlyList<MdfInvoiceView> Invoices)
{
    public static MdfClaimView Of(MdfClaim c) => new(
        c.Id, c.ApplicationId, c.PartnerId, c.Amount, c.Currency, c.Status, c.SubmittedAt, c.DecidedAt, c.Remark, c.PaidAt,
        c.Invoices.Sum(i => i.Amount), [.. c.Invoices.OrderBy(i => i.InvoiceNumber, StringComparer.Ordinal).Select(MdfInvoiceView.Of)]);
}

/// <summary>An MDF application with its activity's window (<c>activity_status</c> as of today, China time) and its claims.</summary>
public sealed record MdfApplicationView(
    Guid Id, Guid PartnerId, string Category, string Title, DateOnly ActivityStart, DateOnly ActivityEnd, DateOnly ClaimBy, MdfActivityStatus ActivityStatus,
    decimal RequestedAmount, decimal? ApprovedAmount, decimal ClaimedAmount, string Currency, MdfApplicationStatus Status, string Attestation, DateTimeOffset AttestedAt,
    DateTimeOffset AppliedAt, DateTimeOffset? DecidedAt, string? Remark, IReadOnlyList<MdfClaimView>? Claims)
{
    public static MdfApplicationView Of(MdfApplication a, DateOnly today, bool withClaims = false) => new(
        a.Id, a.PartnerId, a.CategoryCode, a.Title, a.ActivityStart, a.ActivityEnd, a.ClaimBy, a.ActivityStatus(today), a.RequestedAmount, a.ApprovedAmount,
        a.ClaimedAmount, a.Currency, a.Status, a.Attestation, a.AttestedAt, a.AppliedAt, a.DecidedAt, a.Remark,
        withClaims ? [.. a.Claims.OrderBy(c => c.SubmittedAt).Select(MdfClaimView.Of)] : null);
}

public sealed record MdfApplicationsView(int TotalCount, IReadOnlyList<MdfApplicationView> MdfApplications);

public sealed record NreMilestoneView(
    int Number, string Name, decimal Amount, NreMilestoneStatus Status, IReadOnlyList<string> Materials, DateTimeOffset? AppliedAt, DateTimeOffset? DecidedAt, string? Remark)
{
    public static NreMilestoneView Of(NreMilestone m) => new(m.Number, m.Name, m.Amount, m.Status, m.Materials, m.AppliedAt, m.DecidedAt, m.Remark);
}

public sealed record NreAgreementView(
    Guid Id, Guid PartnerId, Guid SolutionId, string SolutionName, string DocumentReference, string DocumentSha256, decimal TotalAmount, string Currency,
    NreAgreementStatus Status, DateTimeOffset UploadedAt, DateTimeOffset? ReviewedAt, string? ReviewRemark, IReadOnlyList<NreMilestoneView> Milestones)
{
    public static NreAgreementView Of(NreAgreement a) => new(
        a.Id, a.PartnerId, a.SolutionId, a.SolutionName, a.DocumentReference, a.DocumentSha256, a.TotalAmount, a.Currency, a.Status, a.UploadedAt,
        a.ReviewedAt, a.ReviewRemark, [.. a.Milestones.OrderBy(m => m.Number).Select(NreMilestoneView.Of)]);
}

public sealed record NreAgreementsView(int TotalCount, IReadOnlyList<NreAgreementView> NreAgreements);

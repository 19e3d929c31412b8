using System.Globalization;
using System.Text.RegularExpressions;
using PartnerPlatform.Contracts.Resellers;
using PartnerPlatform.ServiceDefaults;

namespace Resellers.Api.Domain;

/// <summary>Where a scorecard's performance improvement plan stands.</summary>
public enum ImprovementPlanState
{
    /// <summary>The scorecard passed.</summary>
    NotRequired,

    /// <summary>The scorecard failed and no plan is under review.</summary>
    Required,

    Submitted,

    /// <summary>Vendor staff approved the plan and its handling option: irrevocable.</summary>
    Approved,

    /// <summary>Vendor staff sent the plan back; the reseller submits a new one.</summary>
    Rejected,
}

/// <summary>How the reseller proposes to handle a failed scorecard (agreed with the vendor's regional office).</summary>
public enum HandlingOption
{
    Rectification,
    Downgrade,
    VoluntaryExit,
}

/// <summary>A reseller's scorecard for one period (<c>2026-Q3</c>) and its improvement plan.</summary>
public sealed partial class Scorecard
{
    public const int MaxPlanBytes = 1024 * 1024;

    public Guid Id { get; init; }

    public Guid ResellerPartnerId { get; init; }

    /// <summary>The reseller's distributor when the scorecard was published.</summary>
    public Guid DistributorPartnerId { get; init; }

    public string Period { get; init; } = "";

    public int NewCustomers { get; init; }

    public int CouponRedemptions { get; init; }

    public int OpportunitiesWon { get; init; }

    public int TargetNewCustomers { get; init; }

    public int TargetCouponRedemptions { get; init; }

    public int TargetOpportunitiesWon { get; init; }

    public bool Passed { get; init; }

    public DateTimeOffset PublishedAt { get; init; }

    public Guid PublishedBy { get; init; }

    public ImprovementPlanState PlanState { get; private set; }

    /// <summary>The uploaded plan's file name; the file itself is an <see cref="ImprovementPlanDocument"/>.</summary>
    public string? PlanFileName { get; private set; }

    public HandlingOption? HandlingOption { get; private set; }

    public DateTimeOffset? PlanSubmittedAt { get; private set; }

    public DateTimeOffset? PlanReviewedAt { get; private set; }

    public Guid? PlanReviewedBy { get; private set; }

    public string? PlanReviewNote { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public uint Version { get; private set; }

    public static Scorecard Publish(
        Guid reseller, Guid distributor, string period, ScorecardMetrics metrics, ScorecardMetrics targets, Guid by, DateTimeOffset now)
    {
        var passed = metrics.NewCustomers >= targets.NewCustomers
            && metrics.CouponRedemptions >= targets.CouponRedemptions
            && metrics.OpportunitiesWon >= targets.OpportunitiesWon;
        return new Scorecard
        {
            Id = Guid.CreateVersion7(now),
            ResellerPartnerId = reseller,
            DistributorPartnerId = distributor,
            Period = period,
            NewCustomers = metrics.NewCustomers,
            CouponRedemptions = metrics.CouponRedemptions,
            OpportunitiesWon = metrics.OpportunitiesWon,
            TargetNewCustomers = targets.NewCustomers,
            TargetCouponRedemptions = targets.CouponRedemptions,
            TargetOpportunitiesWon = targets.OpportunitiesWon,
            Passed = passed,
            PublishedAt = now,
            PublishedBy = by,
            PlanState = passed ? ImprovementPlanState.NotRequired : ImprovementPlanState.Required,
            UpdatedAt = now,
        };
    }

    public ScorecardPublished PublishedEvent() =>
        new(Id, ResellerPartnerId, DistributorPartnerId, Period, Passed, PublishedAt);

    /// <summary>Submits (or replaces, before review) the plan with its handling option; the caller stores the file.</summary>
    public ImprovementPlanDocument SubmitPlan(string fileName, string contentType, byte[] content, HandlingOption option, DateTimeOffset now)
    {
        switch (PlanState)
        {
            case ImprovementPlanState.Approved:
                throw new ApiException(ResellersErrors.PlanIrrevocable);
            case ImprovementPlanState.NotRequired:
                throw ApiException.IllegalState("This scorecard passed: no improvement plan is required.");
        }

        PlanFileName = fileName;
        HandlingOption = option;
        PlanState = ImprovementPlanState.Submitted;
        PlanSubmittedAt = now;
        PlanReviewedAt = null;
        PlanReviewedBy = null;
        PlanReviewNote = null;
        UpdatedAt = now;
        return new ImprovementPlanDocument { ScorecardId = Id, FileName = fileName, ContentType = contentType, Content = content, UploadedAt = now };
    }

    /// <summary>The reseller takes back a plan that is still under review.</summary>
    public void WithdrawPlan(DateTimeOffset now)
    {
        if (PlanState == ImprovementPlanState.Approved)
        {
            throw new ApiException(ResellersErrors.PlanIrrevocable);
        }

        RequirePlanState(ImprovementPlanState.Submitted, "withdrawn");
        PlanState = ImprovementPlanState.Required;
        HandlingOption = null;
        PlanSubmittedAt = null;
        UpdatedAt = now;
    }

    public ImprovementPlanApproved ApprovePlan(Guid by, string? note, DateTimeOffset now)
    {
        RequirePlanState(ImprovementPlanState.Submitted, "approved");
        PlanState = ImprovementPlanState.Approved;
        PlanReviewedAt = now;
        PlanReviewedBy = by;
        PlanReviewNote = note;
        UpdatedAt = now;
        return new ImprovementPlanApproved(Id, ResellerPartnerId, DistributorPartnerId, Period, Names.Snake(HandlingOption!.Value), now);
    }

    public void RejectPlan(Guid by, string? note, DateTimeOffset now)
    {
        RequirePlanState(ImprovementPlanState.Submitted, "rejected");
        PlanState = ImprovementPlanState.Rejected;
        PlanReviewedAt = now;
        PlanReviewedBy = by;
        PlanReviewNote = note;
        UpdatedAt = now;
    }

    private void RequirePlanState(ImprovementPlanState expected, string verb)
    {
        if (PlanState != expected)
        {
            throw ApiException.IllegalState($"An improvement plan in state '{Names.Snake(PlanState)}' cannot be {verb}.");
        }
    }

    /// <summary><c>2026-Q3</c> → [2026-07-01, 2026-10-01) in UTC; null when malformed.</summary>
    public static (DateTimeOffset Start, DateTimeOffset End)? PeriodRange(string period)
    {
        var match = PeriodPattern().Match(period);
        if (!match.Success)
        {
            return null;
        }

        var year = int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        var quarter = int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture);
        var start = new DateTimeOffset(year, ((quarter - 1) * 3) + 1, 1, 0, 0, 0, TimeSpan.Zero);
        return (start, start.AddMonths(3));
    }

    [GeneratedRegex(@"^(20\d\d)-Q([1-4])$", RegexOptions.CultureInvariant)]
    private static partial Regex PeriodPattern();
}

/// <summary>The latest improvement plan file of a scorecard, kept apart so lists never load it.</summary>
public sealed class ImprovementPlanDocument
{
    public Guid ScorecardId { get; init; }

    public string FileName { get; set; } = "";

    public string ContentType { get; set; } = "";

    public byte[] Content { get; set; } = [];

    public DateTimeOffset UploadedAt { get; set; }
}

public sealed record ScorecardMetrics(int NewCustomers, int CouponRedemptions, int OpportunitiesWon);

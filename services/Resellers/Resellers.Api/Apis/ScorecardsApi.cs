using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PartnerPlatform.Messaging.Outbox;
using PartnerPlatform.ServiceDefaults;
using Resellers.Api.Data;
using Resellers.Api.Domain;
using Resellers.Api.Infrastructure;

namespace Resellers.Api.Apis;

/// <summary>
/// Vendor staff publish a scorecard. <c>period</c>: <c>YYYY-Qn</c>. A metric left out is computed
/// from events (new customers from <c>CustomerAssociated</c>, coupon redemptions from
/// <c>CouponRedeemed</c>); <c>opportunities_won</c> is pushed only.
/// </summary>
public sealed record PublishScorecardRequest(
    Guid ResellerPartnerId, string Period, int? NewCustomers = null, int? CouponRedemptions = null, int? OpportunitiesWon = null);

public sealed record MetricsView(int NewCustomers, int CouponRedemptions, int OpportunitiesWon);

/// <summary><c>plan_state</c>: not_required, required, submitted, approved, rejected. <c>handling_option</c>: rectification, downgrade, voluntary_exit.</summary>
public sealed record ScorecardView(
    Guid ScorecardId,
    Guid ResellerPartnerId,
    Guid DistributorPartnerId,
    string Period,
    MetricsView Metrics,
    MetricsView Targets,
    bool Passed,
    DateTimeOffset PublishedAt,
    string PlanState,
    string? PlanFileName,
    string? HandlingOption,
    DateTimeOffset? PlanSubmittedAt,
    DateTimeOffset? PlanReviewedAt,
    string? PlanReviewNote);

/// <summary>The plan file (base64, ≤ 1 MiB decoded) and the handling option agreed with the regional office.</summary>
public sealed record SubmitPlanRequest(string FileName, string ContentType, string ContentBase64, string HandlingOption);

public sealed record ReviewPlanRequest(string? Note = null);

/// <summary>One reseller's line in its distributor's summary: metrics and outcome only, never customers' data.</summary>
public sealed record ResellerScoreView(Guid IndirectPartnerId, string? AccountName, bool Passed, string PlanState, MetricsView Metrics);

public sealed record PlanCountsView(int Required, int Submitted, int Approved, int Rejected);

public sealed record ScorecardSummaryView(
    string Period, int ResellerCount, int PassedCount, int FailedCount, PlanCountsView Plans, MetricsView Totals,
    IReadOnlyList<ResellerScoreView> Resellers);

/// <summary>Scorecards and performance improvement plans.</summary>
public static class ScorecardsApi
{
    public const string TemplateFileName = "improvement-plan-template.csv";

    private const string Template =
        "section,item,current_value,target_value,actions,owner,due_date\n" +
        "new_customers,New customers in the period,,,,,\n" +
        "coupon_redemptions,Coupons redeemed by customers,,,,,\n" +
        "opportunities_won,Opportunities won,,,,,\n" +
        "other,Other improvement,,,,,\n";

    public static IEndpointRouteBuilder MapScorecardsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(LinksApi.Prefix).WithTags("Scorecards");

        api.MapPost("/scorecards", PublishAsync)
            .WithName("PublishScorecard")
            .WithSummary("Vendor staff publish a reseller's scorecard for a period; a failed one requires an improvement plan")
            .RequireVendorRole(CallerExtensions.VendorRoles)
            .WithIdempotency();

        api.MapGet("/scorecards", ListAsync)
            .WithName("ListScorecards")
            .WithSummary("A reseller's own scorecards; vendor staff see all (filter reseller_partner_id, period)")
            .Produces<PagedResponse<ScorecardView>>();

        api.MapGet("/scorecards/summary", SummaryAsync)
            .WithName("GetScorecardSummary")
            .WithSummary("A distributor's resellers' scorecards of a period as aggregates, without customers' personal data")
            .RequireProgramme(KnownProgramme.Distributor);

        api.MapGet("/scorecards/{scorecard_id:guid}", GetAsync)
            .WithName("GetScorecard")
            .WithSummary("One scorecard, with its ETag");

        api.MapGet("/improvement-plan-template", () =>
                TypedResults.File(Encoding.UTF8.GetBytes(Template), "text/csv", TemplateFileName))
            .WithName("DownloadImprovementPlanTemplate")
            .WithSummary("The performance improvement plan template (CSV)");

        api.MapPut("/scorecards/{scorecard_id:guid}/improvement-plan", SubmitPlanAsync)
            .WithName("SubmitImprovementPlan")
            .WithSummary("The reseller uploads its plan and handling option (If-Match: the scorecard's ETag); irrevocable once vendor-approved")
            .RequirePartner();

        api.MapGet("/scorecards/{scorecard_id:guid}/improvement-plan/document", DownloadPlanAsync)
            .WithName("DownloadImprovementPlan")
            .WithSummary("The uploaded plan file");

        api.MapPost("/scorecards/{scorecard_id:guid}/improvement-plan/withdraw", WithdrawPlanAsync)
            .WithName("WithdrawImprovementPlan")
            .WithSummary("The reseller takes back a plan still under review")
            .RequirePartner();

        api.MapPost("/scorecards/{scorecard_id:guid}/improvement-plan/approve", ApprovePlanAsync)
            .WithName("ApproveImprovementPlan")
            .WithSummary("Vendor staff approve the plan and its handling option (irrevocable)")
            .RequireVendorRole(CallerExtensions.VendorRoles);

        api.MapPost("/scorecards/{scorecard_id:guid}/improvement-plan/reject", RejectPlanAsync)
            .WithName("RejectImprovementPlan")
            .WithSummary("Vendor staff send the plan back; the reseller submits a new one")
            .RequireVendorRole(CallerExtensions.VendorRoles);

        return app;
    }

    private static async Task<Created<ScorecardView>> PublishAsync(
        PublishScorecardRequest request, CurrentCaller caller, ResellersDbContext db, IOutbox outbox,
        IOptions<ResellersOptions> options, TimeProvider timeProvider, HttpContext http, CancellationToken ct)
    {
        var validation = new Validation();
        validation.Id("reseller_partner_id", request.ResellerPartnerId);
        var period = validation.Text("period", request.Period, 7, required: true) ?? "";
        var range = Scorecard.PeriodRange(period);
        if (range is null && period.Length > 0)
        {
            validation.Add("period", "period must look like 2026-Q3.");
        }

        foreach (var (field, value) in new[]
                 {
                     ("new_customers", request.NewCustomers), ("coupon_redemptions", request.CouponRedemptions),
                     ("opportunities_won", request.OpportunitiesWon),
                 })
        {
            if (value is < 0)
            {
                validation.Add(field, $"{field} must not be negative.");
            }
        }

        validation.ThrowIfAny();
        var reseller = request.ResellerPartnerId;
        var distributor = await db.Links.AsNoTracking()
            .Where(l => l.ResellerPartnerId == reseller && (l.State == LinkState.Active || l.State == LinkState.Suspended))
            .Select(l => (Guid?)l.DistributorPartnerId)
            .SingleOrDefaultAsync(ct)
            ?? throw new ApiException(ResellerErrors.NoDistributor);

        var (start, end) = range!.Value;
        var newCustomers = request.NewCustomers ?? await db.KnownCustomerAssociations
            .CountAsync(a => a.OwnerPartnerId == reseller && a.AssociatedAt >= start && a.AssociatedAt < end, ct);
        var couponRedemptions = request.CouponRedemptions ?? await db.KnownCouponRedemptions
            .CountAsync(r => r.ResellerPartnerId == reseller && r.RedeemedAt >= start && r.RedeemedAt < end, ct);
        var targets = options.Value;
        var scorecard = Scorecard.Publish(
            reseller,
            distributor,
            period,
            new ScorecardMetrics(newCustomers, couponRedemptions, request.OpportunitiesWon ?? 0),
            new ScorecardMetrics(targets.TargetNewCustomers, targets.TargetCouponRedemptions, targets.TargetOpportunitiesWon),
            caller.UserGuid(),
            timeProvider.Now());
        db.Scorecards.Add(scorecard);
        outbox.Add(scorecard.PublishedEvent());
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (ex.IsUniqueViolation())
        {
            throw new ApiException(ResellerErrors.ScorecardExists);
        }

        http.Response.SetETag(ETags.FromVersion(scorecard.Version));
        return TypedResults.Created($"{LinksApi.Prefix}/scorecards/{scorecard.Id}", View(scorecard));
    }

    private static async Task<Ok<PagedResponse<ScorecardView>>> ListAsync(
        CurrentCaller caller, PageRequest page, ResellersDbContext db, CancellationToken ct,
        [FromQuery(Name = "reseller_partner_id")] Guid? resellerPartnerId = null, string? period = null)
    {
        var query = db.Scorecards.AsNoTracking();
        if (caller.IsVendorStaff())
        {
            if (resellerPartnerId is { } reseller)
            {
                query = query.Where(s => s.ResellerPartnerId == reseller);
            }
        }
        else
        {
            var partner = caller.PartnerGuid();
            query = query.Where(s => s.ResellerPartnerId == partner);
        }

        if (period is not null)
        {
            query = query.Where(s => s.Period == period);
        }

        var total = await query.LongCountAsync(ct);
        var items = await query.OrderByDescending(s => s.Period).ThenByDescending(s => s.PublishedAt).Page(page).ToListAsync(ct);
        return TypedResults.Ok(new PagedResponse<ScorecardView>("scorecards", total, [.. items.Select(View)]));
    }

    private static async Task<Ok<ScorecardSummaryView>> SummaryAsync(
        CurrentCaller caller, ResellersDbContext db, CancellationToken ct, string? period = null)
    {
        if (period is null || Scorecard.PeriodRange(period) is null)
        {
            throw ApiException.InvalidField("period", "period is required and must look like 2026-Q3.");
        }

        var distributor = caller.PartnerGuid();
        var cards = await db.Scorecards.AsNoTracking()
            .Where(s => s.DistributorPartnerId == distributor && s.Period == period)
            .OrderBy(s => s.ResellerPartnerId)
            .ToListAsync(ct);
        var names = await db.PartnerNamesAsync(cards.Select(c => c.ResellerPartnerId), ct);
        int Count(ImprovementPlanState state) => cards.Count(c => c.PlanState == state);
        return TypedResults.Ok(new ScorecardSummaryView(
            period,
            cards.Count,
            cards.Count(c => c.Passed),
            cards.Count(c => !c.Passed),
            new PlanCountsView(
                Count(ImprovementPlanState.Required), Count(ImprovementPlanState.Submitted),
                Count(ImprovementPlanState.Approved), Count(ImprovementPlanState.Rejected)),
            new MetricsView(cards.Sum(c => c.NewCustomers), cards.Sum(c => c.CouponRedemptions), cards.Sum(c => c.OpportunitiesWon)),
            [.. cards.Select(c => new ResellerScoreView(
                c.ResellerPartnerId, names.GetValueOrDefault(c.ResellerPartnerId), c.Passed, Names.Snake(c.PlanState),
                new MetricsView(c.NewCustomers, c.CouponRedemptions, c.OpportunitiesWon)))]));
    }

    private static async Task<Ok<ScorecardView>> GetAsync(
        [FromRoute(Name = "scorecard_id")] Guid scorecardId, CurrentCaller caller, ResellersDbContext db, HttpContext http, CancellationToken ct)
    {
        var scorecard = await FindAsync(db, scorecardId, caller, tracking: false, ct);
        http.Response.SetETag(ETags.FromVersion(scorecard.Version));
        return TypedResults.Ok(View(scorecard));
    }

    private static async Task<Ok<ScorecardView>> SubmitPlanAsync(
        [FromRoute(Name = "scorecard_id")] Guid scorecardId, SubmitPlanRequest request, CurrentCaller caller,
        ResellersDbContext db, TimeProvider timeProvider, HttpContext http, CancellationToken ct)
    {
        var validation = new Validation();
        var fileName = validation.Text("file_name", request.FileName, 200, required: true);
        var contentType = validation.Text("content_type", request.ContentType, 100, required: true);
        var option = Enum.GetValues<HandlingOption>().Where(o => Names.Snake(o) == request.HandlingOption).Select(o => (HandlingOption?)o).FirstOrDefault();
        if (option is null)
        {
            validation.Add("handling_option", "handling_option must be rectification, downgrade or voluntary_exit.");
        }

        byte[] content = [];
        try
        {
            content = Convert.FromBase64String(request.ContentBase64);
        }
        catch (FormatException)
        {
            validation.Add("content_base64", "content_base64 is not valid base64.");
        }

        if (content.Length == 0)
        {
            validation.Add("content_base64", "The plan file must not be empty.");
        }
        else if (content.Length > Scorecard.MaxPlanBytes)
        {
            validation.Add("content_base64", $"The plan file must be at most {Scorecard.MaxPlanBytes} bytes.");
        }

        validation.ThrowIfAny();
        var scorecard = await FindOwnAsync(db, scorecardId, caller, ct);
        http.Request.EnsureIfMatch(ETags.FromVersion(scorecard.Version));
        var document = scorecard.SubmitPlan(fileName!, contentType!, content, option!.Value, timeProvider.Now());
        var stored = await db.ImprovementPlanDocuments.SingleOrDefaultAsync(d => d.ScorecardId == scorecardId, ct);
        if (stored is null)
        {
            db.ImprovementPlanDocuments.Add(document);
        }
        else
        {
            stored.FileName = document.FileName;
            stored.ContentType = document.ContentType;
            stored.Content = document.Content;
            stored.UploadedAt = document.UploadedAt;
        }

        await db.SaveChangesAsync(ct);
        http.Response.SetETag(ETags.FromVersion(scorecard.Version));
        return TypedResults.Ok(View(scorecard));
    }

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> DownloadPlanAsync(
        [FromRoute(Name = "scorecard_id")] Guid scorecardId, CurrentCaller caller, ResellersDbContext db, CancellationToken ct)
    {
        await FindAsync(db, scorecardId, caller, tracking: false, ct);
        var document = await db.ImprovementPlanDocuments.AsNoTracking().SingleOrDefaultAsync(d => d.ScorecardId == scorecardId, ct);
        return document is not null
            ? TypedResults.File(document.Content, document.ContentType, document.FileName)
            : ApiResults.NotFound("No improvement plan was uploaded for this scorecard.");
    }

    private static async Task<Ok<ScorecardView>> WithdrawPlanAsync(
        [FromRoute(Name = "scorecard_id")] Guid scorecardId, CurrentCaller caller, ResellersDbContext db,
        TimeProvider timeProvider, HttpContext http, CancellationToken ct)
    {
        var scorecard = await FindOwnAsync(db, scorecardId, caller, ct);
        IfMatchWhenGiven(http, scorecard.Version);
        scorecard.WithdrawPlan(timeProvider.Now());
        await db.SaveChangesAsync(ct);
        http.Response.SetETag(ETags.FromVersion(scorecard.Version));
        return TypedResults.Ok(View(scorecard));
    }

    private static async Task<Ok<ScorecardView>> ApprovePlanAsync(
        [FromRoute(Name = "scorecard_id")] Guid scorecardId, [FromBody] ReviewPlanRequest? request, CurrentCaller caller,
        ResellersDbContext db, IOutbox outbox, TimeProvider timeProvider, HttpContext http, CancellationToken ct)
    {
        var validation = new Validation();
        var note = validation.Text("note", request?.Note, 500);
        validation.ThrowIfAny();
        var scorecard = await FindAsync(db, scorecardId, caller, tracking: true, ct);
        IfMatchWhenGiven(http, scorecard.Version);
        outbox.Add(scorecard.ApprovePlan(caller.UserGuid(), note, timeProvider.Now()));
        await db.SaveChangesAsync(ct);
        http.Response.SetETag(ETags.FromVersion(scorecard.Version));
        return TypedResults.Ok(View(scorecard));
    }

    private static async Task<Ok<ScorecardView>> RejectPlanAsync(
        [FromRoute(Name = "scorecard_id")] Guid scorecardId, [FromBody] ReviewPlanRequest? request, CurrentCaller caller,
        ResellersDbContext db, TimeProvider timeProvider, HttpContext http, CancellationToken ct)
    {
        var validation = new Validation();
        var note = validation.Text("note", request?.Note, 500);
        validation.ThrowIfAny();
        var scorecard = await FindAsync(db, scorecardId, caller, tracking: true, ct);
        IfMatchWhenGiven(http, scorecard.Version);
        scorecard.RejectPlan(caller.UserGuid(), note, timeProvider.Now());
        await db.SaveChangesAsync(ct);
        http.Response.SetETag(ETags.FromVersion(scorecard.Version));
        return TypedResults.Ok(View(scorecard));
    }

    /// <summary>Vendor staff see every scorecard, a reseller its own; anything else is 404 CBC.0156.</summary>
    private static async Task<Scorecard> FindAsync(ResellersDbContext db, Guid id, CurrentCaller caller, bool tracking, CancellationToken ct)
    {
        var scorecards = tracking ? db.Scorecards : db.Scorecards.AsNoTracking();
        var scorecard = await scorecards.SingleOrDefaultAsync(s => s.Id == id, ct);
        return scorecard is not null && (caller.IsVendorStaff() || scorecard.ResellerPartnerId == caller.PartnerGuidOrNull())
            ? scorecard
            : throw ApiException.NotFound();
    }

    /// <summary>The caller's own scorecard (the reseller acts on its plan), else 404 CBC.0156.</summary>
    private static async Task<Scorecard> FindOwnAsync(ResellersDbContext db, Guid id, CurrentCaller caller, CancellationToken ct)
    {
        var partner = caller.PartnerGuid();
        return await db.Scorecards.SingleOrDefaultAsync(s => s.Id == id && s.ResellerPartnerId == partner, ct)
            ?? throw ApiException.NotFound();
    }

    private static void IfMatchWhenGiven(HttpContext http, uint version)
    {
        if (http.Request.Headers.IfMatch.Count > 0)
        {
            http.Request.EnsureIfMatch(ETags.FromVersion(version));
        }
    }

    private static ScorecardView View(Scorecard s) => new(
        s.Id,
        s.ResellerPartnerId,
        s.DistributorPartnerId,
        s.Period,
        new MetricsView(s.NewCustomers, s.CouponRedemptions, s.OpportunitiesWon),
        new MetricsView(s.TargetNewCustomers, s.TargetCouponRedemptions, s.TargetOpportunitiesWon),
        s.Passed,
        s.PublishedAt,
        Names.Snake(s.PlanState),
        s.PlanFileName,
        s.HandlingOption is { } option ? Names.Snake(option) : null,
        s.PlanSubmittedAt,
        s.PlanReviewedAt,
        s.PlanReviewNote);
}

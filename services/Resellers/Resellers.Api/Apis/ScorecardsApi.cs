using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using PartnerPlatform.ServiceDefaults;
using Resellers.Api.Application;
using Resellers.Api.Domain;

namespace Resellers.Api.Apis;

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
            .ProducesErrorCodes(ResellersErrors.NoDistributor, ResellersErrors.ScorecardExists)
            .WithSummary("Vendor staff publish a reseller's scorecard for a period; a failed one requires an improvement plan")
            .RequireVendorRole(VendorRoles.VendorStaff)
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
            .ProducesErrorCodes(ResellersErrors.PlanIrrevocable)
            .WithSummary("The reseller uploads its plan and handling option (If-Match: the scorecard's ETag); irrevocable once vendor-approved")
            .RequirePartner();

        api.MapGet("/scorecards/{scorecard_id:guid}/improvement-plan/document", DownloadPlanAsync)
            .WithName("DownloadImprovementPlan")
            .WithSummary("The uploaded plan file");

        api.MapPost("/scorecards/{scorecard_id:guid}/improvement-plan/withdraw", WithdrawPlanAsync)
            .WithName("WithdrawImprovementPlan")
            .ProducesErrorCodes(ResellersErrors.PlanIrrevocable)
            .WithSummary("The reseller takes back a plan still under review")
            .RequirePartner();

        api.MapPost("/scorecards/{scorecard_id:guid}/improvement-plan/approve", ApprovePlanAsync)
            .WithName("ApproveImprovementPlan")
            .ProducesErrorCodes()
            .WithSummary("Vendor staff approve the plan and its handling option (irrevocable)")
            .RequireVendorRole(VendorRoles.VendorStaff);

        api.MapPost("/scorecards/{scorecard_id:guid}/improvement-plan/reject", RejectPlanAsync)
            .WithName("RejectImprovementPlan")
            .ProducesErrorCodes()
            .WithSummary("Vendor staff send the plan back; the reseller submits a new one")
            .RequireVendorRole(VendorRoles.VendorStaff);

        return app;
    }

    private static async Task<Created<ScorecardView>> PublishAsync(
        PublishScorecardRequest request, CurrentCaller caller, Scorecards scorecards, HttpContext http, CancellationToken ct)
    {
        var scorecard = await scorecards.PublishAsync(caller, request, ct);
        http.Response.SetETag(ETags.FromVersion(scorecard.Version));
        return TypedResults.Created($"{LinksApi.Prefix}/scorecards/{scorecard.Id}", ScorecardView.From(scorecard));
    }

    private static async Task<Ok<PagedResponse<ScorecardView>>> ListAsync(
        CurrentCaller caller, PageRequest page, Scorecards scorecards, CancellationToken ct,
        [FromQuery(Name = "reseller_partner_id")] Guid? resellerPartnerId = null, string? period = null)
    {
        var (total, items) = await scorecards.ListAsync(caller, page, resellerPartnerId, period, ct);
        return TypedResults.Ok(new PagedResponse<ScorecardView>("scorecards", total, [.. items.Select(ScorecardView.From)]));
    }

    private static async Task<Ok<ScorecardSummaryView>> SummaryAsync(
        CurrentCaller caller, Scorecards scorecards, CancellationToken ct, string? period = null) =>
        TypedResults.Ok(ScorecardSummaryView.From(await scorecards.SummaryAsync(caller, period, ct)));

    private static async Task<Ok<ScorecardView>> GetAsync(
        [FromRoute(Name = "scorecard_id")] Guid scorecardId, CurrentCaller caller, Scorecards scorecards, HttpContext http, CancellationToken ct) =>
        Answer(http, await scorecards.GetAsync(caller, scorecardId, ct));

    private static async Task<Ok<ScorecardView>> SubmitPlanAsync(
        [FromRoute(Name = "scorecard_id")] Guid scorecardId, SubmitPlanRequest request, CurrentCaller caller,
        Scorecards scorecards, HttpContext http, CancellationToken ct) =>
        Answer(http, await scorecards.SubmitPlanAsync(caller, scorecardId, request, http.Request.IfMatch(), ct));

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> DownloadPlanAsync(
        [FromRoute(Name = "scorecard_id")] Guid scorecardId, CurrentCaller caller, Scorecards scorecards, CancellationToken ct) =>
        await scorecards.PlanDocumentAsync(caller, scorecardId, ct) is { } document
            ? TypedResults.File(document.Content, document.ContentType, document.FileName)
            : ApiResults.NotFound("No improvement plan was uploaded for this scorecard.");

    private static async Task<Ok<ScorecardView>> WithdrawPlanAsync(
        [FromRoute(Name = "scorecard_id")] Guid scorecardId, CurrentCaller caller, Scorecards scorecards, HttpContext http, CancellationToken ct) =>
        Answer(http, await scorecards.WithdrawPlanAsync(caller, scorecardId, http.Request.IfMatchWhenGiven(), ct));

    private static async Task<Ok<ScorecardView>> ApprovePlanAsync(
        [FromRoute(Name = "scorecard_id")] Guid scorecardId, [FromBody] ReviewPlanRequest? request, CurrentCaller caller,
        Scorecards scorecards, HttpContext http, CancellationToken ct) =>
        Answer(http, await scorecards.ApprovePlanAsync(caller, scorecardId, request, http.Request.IfMatchWhenGiven(), ct));

    private static async Task<Ok<ScorecardView>> RejectPlanAsync(
        [FromRoute(Name = "scorecard_id")] Guid scorecardId, [FromBody] ReviewPlanRequest? request, CurrentCaller caller,
        Scorecards scorecards, HttpContext http, CancellationToken ct) =>
        Answer(http, await scorecards.RejectPlanAsync(caller, scorecardId, request, http.Request.IfMatchWhenGiven(), ct));

    private static Ok<ScorecardView> Answer(HttpContext http, Scorecard scorecard)
    {
        http.Response.SetETag(ETags.FromVersion(scorecard.Version));
        return TypedResults.Ok(ScorecardView.From(scorecard));
    }
}

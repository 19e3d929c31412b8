using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Opportunities.Api.Application;
using Opportunities.Api.Domain;
using PartnerPlatform.ServiceDefaults;

namespace Opportunities.Api.Apis;

/// <summary>POs a partner shares with the vendor (共享给华为), the dashboard and the partner's eligibility.</summary>
public static class PartnerOpportunitiesApi
{
    public static IEndpointRouteBuilder MapPartnerOpportunitiesApi(this IEndpointRouteBuilder app)
    {
        var pos = app.MapGroup("/v2/partners/opportunities").WithTags("Opportunities (PO)").RequirePartner();

        pos.MapPost("", CreateAsync)
            .WithName("CreateOpportunity")
            .ProducesErrorCodes(OpportunitiesErrors.NotInCoExpansionPlan)
            .WithSummary("Create a PO draft with its four parts (budget, decision maker, need, purchase plan); PCE partners only")
            .WithIdempotency();

        pos.MapGet("", ListAsync)
            .WithName("ListOpportunities")
            .WithSummary("The caller's POs, newest first, optionally by status");

        pos.MapGet("/{opportunity_id:guid}", GetAsync)
            .WithName("GetOpportunity")
            .WithSummary("One of the caller's POs (ETag for updates)");

        pos.MapPut("/{opportunity_id:guid}", UpdateAsync)
            .WithName("UpdateOpportunity")
            .ProducesErrorCodes(OpportunitiesErrors.OpportunityReadOnly, OpportunitiesErrors.FieldNotEditable)
            .WithSummary("Replace a draft, or the parts a change request opened (If-Match required); a submitted PO is read-only")
            .RequireIfMatch();

        pos.MapPost("/{opportunity_id:guid}/submit", SubmitAsync)
            .WithName("SubmitOpportunity")
            .ProducesErrorCodes(OpportunitiesErrors.OpportunityReadOnly, OpportunitiesErrors.NotInCoExpansionPlan, OpportunitiesErrors.DraftIncomplete, OpportunitiesErrors.NotCloudRelated, OpportunitiesErrors.NoCloudRevenue, OpportunitiesErrors.CloudRevenueBelowMinimum, OpportunitiesErrors.NoPartnerSolution, OpportunitiesErrors.CustomerNotAssociated, OpportunitiesErrors.CustomerAuthorisationMissing, OpportunitiesErrors.ConsentMissing, OpportunitiesErrors.WorkingDayCalendarMissing)
            .WithSummary("Share the PO with the vendor: completeness, plausibility and consent are checked, then it is routed and read-only");

        pos.MapPost("/{opportunity_id:guid}/progress", ProgressAsync)
            .WithName("AddOpportunityProgress")
            .ProducesErrorCodes(OpportunitiesErrors.StageNotAllowed, OpportunitiesErrors.LostReasonRequired)
            .WithSummary("Report progress on an approved PO: qualified → solution_validation → business_negotiation → won → delivered, or lost with a reason");

        pos.MapGet("/{opportunity_id:guid}/history", HistoryAsync)
            .WithName("GetOpportunityHistory")
            .WithSummary("The PO's review steps and progress updates, the vendor's included");

        pos.MapGet("/dashboard", DashboardAsync)
            .WithName("GetOpportunityDashboard")
            .WithSummary("Count, pipeline value, conversion rate (won / approved) and counts by status and stage for 1m, 6m or 1y");

        pos.MapGet("/eligibility", EligibilityAsync)
            .WithName("GetOpportunityEligibility")
            .WithSummary("Whether the caller may share POs and be assigned HOs, condition by condition");
        return app;
    }

    private static async Task<Created<OpportunityView>> CreateAsync(
        OpportunityDraft request, CurrentCaller caller, PartnerOpportunities pos, HttpResponse response, CancellationToken cancellationToken)
    {
        var po = await pos.CreateAsync(caller, request, cancellationToken);
        response.SetETag(ETags.FromVersion(po.Version));
        return TypedResults.Created($"/v2/partners/opportunities/{po.Id}", OpportunityView.From(po));
    }

    private static async Task<Ok<OpportunityList>> ListAsync(
        [FromQuery] string? status, PageRequest page, CurrentCaller caller, PartnerOpportunities pos, CancellationToken cancellationToken)
    {
        var (total, items) = await pos.ListAsync(caller, SnakeCaseEnum.ParseOptional<OpportunityStatus>(status, "status"), page, cancellationToken);
        return TypedResults.Ok(new OpportunityList(total, [.. items.Select(OpportunityView.From)]));
    }

    private static async Task<Ok<OpportunityView>> GetAsync(
        [FromRoute(Name = "opportunity_id")] Guid id, CurrentCaller caller, PartnerOpportunities pos, HttpResponse response, CancellationToken cancellationToken)
    {
        var po = await pos.GetAsync(caller, id, cancellationToken);
        response.SetETag(ETags.FromVersion(po.Version));
        return TypedResults.Ok(OpportunityView.From(po));
    }

    private static async Task<Ok<OpportunityView>> UpdateAsync(
        [FromRoute(Name = "opportunity_id")] Guid id, OpportunityDraft request, CurrentCaller caller, PartnerOpportunities pos, HttpContext context,
        CancellationToken cancellationToken)
    {
        var po = await pos.UpdateAsync(caller, id, context.Request.RequireIfMatchVersion(), request, cancellationToken);
        context.Response.SetETag(ETags.FromVersion(po.Version));
        return TypedResults.Ok(OpportunityView.From(po));
    }

    private static async Task<Ok<OpportunityView>> SubmitAsync(
        [FromRoute(Name = "opportunity_id")] Guid id, CurrentCaller caller, PartnerOpportunities pos, CancellationToken cancellationToken) =>
        TypedResults.Ok(OpportunityView.From(await pos.SubmitAsync(caller, id, cancellationToken)));

    private static async Task<Ok<OpportunityView>> ProgressAsync(
        [FromRoute(Name = "opportunity_id")] Guid id, ProgressInput request, CurrentCaller caller, PartnerOpportunities pos, CancellationToken cancellationToken) =>
        TypedResults.Ok(OpportunityView.From(await pos.AddProgressAsync(caller, id, request, cancellationToken)));

    private static async Task<Ok<HistoryList>> HistoryAsync(
        [FromRoute(Name = "opportunity_id")] Guid id, CurrentCaller caller, PartnerOpportunities pos, CancellationToken cancellationToken) =>
        TypedResults.Ok(HistoryList.From(await pos.HistoryAsync(caller, id, cancellationToken)));

    private static async Task<Ok<DashboardReport>> DashboardAsync(
        [FromQuery] string? window, CurrentCaller caller, Dashboard dashboard, CancellationToken cancellationToken) =>
        TypedResults.Ok(await dashboard.GetAsync(caller, window, cancellationToken));

    private static async Task<Ok<EligibilityView>> EligibilityAsync(CurrentCaller caller, Eligibility eligibility, CancellationToken cancellationToken) =>
        TypedResults.Ok(EligibilityView.From(await eligibility.EvaluateAsync(caller.GetPartnerGuid(), cancellationToken)));
}

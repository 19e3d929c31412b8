using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Opportunities.Api.Application;
using PartnerPlatform.ServiceDefaults;
using Opportunities.Api.Domain;

namespace Opportunities.Api.Apis;

/// <summary>Vendor staff: PO review queues and decisions, vendor updates, partners' eligibility.</summary>
public static class VendorOpportunitiesApi
{
    public static IEndpointRouteBuilder MapVendorOpportunitiesApi(this IEndpointRouteBuilder app)
    {
        var vendor = app.MapGroup("/v2/vendor/opportunities").WithTags("Opportunities (vendor review)").RequireVendorRole(VendorRoles.VendorStaff);

        vendor.MapGet("/queue", QueueAsync)
            .WithName("ListOpportunityReviewQueue")
            .WithSummary("Submitted POs of a review queue (psm:{region} or owner:{region}); without queue, the caller's region's PSM queue");

        vendor.MapGet("/{opportunity_id:guid}", GetAsync)
            .WithName("GetOpportunityForReview")
            .WithSummary("A submitted PO of any partner");

        vendor.MapGet("/{opportunity_id:guid}/history", HistoryAsync)
            .WithName("GetOpportunityHistoryForVendor")
            .WithSummary("The PO's review steps and progress updates");

        vendor.MapPost("/{opportunity_id:guid}/approve", ApproveAsync)
            .WithName("ApproveOpportunity")
            .ProducesErrorCodes()
            .WithSummary("Approve a submitted PO; the partner then reports progress");

        vendor.MapPost("/{opportunity_id:guid}/reject", RejectAsync)
            .WithName("RejectOpportunity")
            .ProducesErrorCodes(OpportunitiesErrors.UnknownRejectionReason)
            .WithSummary("Reject a submitted PO with one of the rejection reasons (GET /v2/reference/rejection-reasons)");

        vendor.MapPost("/{opportunity_id:guid}/request-changes", RequestChangesAsync)
            .WithName("RequestOpportunityChanges")
            .ProducesErrorCodes(OpportunitiesErrors.ChangesNotListed)
            .WithSummary("Open the listed parts of a submitted PO for editing; the partner changes them and resubmits");

        vendor.MapPost("/{opportunity_id:guid}/updates", UpdateAsync)
            .WithName("AddVendorOpportunityUpdate")
            .ProducesErrorCodes(OpportunitiesErrors.StageNotAllowed, OpportunitiesErrors.LostReasonRequired)
            .WithSummary("A vendor update on an approved PO (note, optionally a stage); the partner sees it in the history");

        vendor.MapGet("/partners/{partner_id:guid}/eligibility", EligibilityAsync)
            .WithName("GetPartnerOpportunityEligibility")
            .WithSummary("Whether a partner may be assigned HOs, condition by condition");
        return app;
    }

    private static async Task<Ok<QueueView>> QueueAsync(
        [FromQuery] string? queue, PageRequest page, CurrentCaller caller, OpportunityReview review, CancellationToken cancellationToken)
    {
        var (name, total, items) = await review.QueueAsync(caller, queue, page, cancellationToken);
        return TypedResults.Ok(new QueueView(name, total, [.. items.Select(OpportunityView.From)]));
    }

    private static async Task<Ok<OpportunityView>> GetAsync(
        [FromRoute(Name = "opportunity_id")] Guid id, OpportunityReview review, CancellationToken cancellationToken) =>
        TypedResults.Ok(OpportunityView.From(await review.GetAsync(id, cancellationToken)));

    private static async Task<Ok<HistoryList>> HistoryAsync(
        [FromRoute(Name = "opportunity_id")] Guid id, OpportunityReview review, CancellationToken cancellationToken) =>
        TypedResults.Ok(HistoryList.From(await review.HistoryAsync(id, cancellationToken)));

    private static async Task<Ok<OpportunityView>> ApproveAsync(
        [FromRoute(Name = "opportunity_id")] Guid id, CurrentCaller caller, OpportunityReview review, CancellationToken cancellationToken) =>
        TypedResults.Ok(OpportunityView.From(await review.ApproveAsync(caller, id, cancellationToken)));

    private static async Task<Ok<OpportunityView>> RejectAsync(
        [FromRoute(Name = "opportunity_id")] Guid id, RejectInput request, CurrentCaller caller, OpportunityReview review, CancellationToken cancellationToken) =>
        TypedResults.Ok(OpportunityView.From(await review.RejectAsync(caller, id, request, cancellationToken)));

    private static async Task<Ok<OpportunityView>> RequestChangesAsync(
        [FromRoute(Name = "opportunity_id")] Guid id, RequestChangesInput request, CurrentCaller caller, OpportunityReview review,
        CancellationToken cancellationToken) =>
        TypedResults.Ok(OpportunityView.From(await review.RequestChangesAsync(caller, id, request, cancellationToken)));

    private static async Task<Ok<OpportunityView>> UpdateAsync(
        [FromRoute(Name = "opportunity_id")] Guid id, ProgressInput request, CurrentCaller caller, OpportunityReview review, CancellationToken cancellationToken) =>
        TypedResults.Ok(OpportunityView.From(await review.AddUpdateAsync(caller, id, request, cancellationToken)));

    private static async Task<Ok<EligibilityView>> EligibilityAsync(
        [FromRoute(Name = "partner_id")] Guid partnerId, Eligibility eligibility, CancellationToken cancellationToken) =>
        TypedResults.Ok(EligibilityView.From(await eligibility.EvaluateAsync(partnerId, cancellationToken)));
}

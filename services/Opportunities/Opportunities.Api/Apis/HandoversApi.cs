using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Opportunities.Api.Application;
using Opportunities.Api.Domain;
using PartnerPlatform.ServiceDefaults;

namespace Opportunities.Api.Apis;

/// <summary>HOs (由华为共享): vendor staff create, decide committee cases and assign; the partner accepts or rejects and reports progress.</summary>
public static class HandoversApi
{
    public static IEndpointRouteBuilder MapHandoversApi(this IEndpointRouteBuilder app)
    {
        var vendor = app.MapGroup("/v2/vendor/opportunities/handovers").WithTags("Handover opportunities (vendor)").RequireVendorRole(VendorRoles.VendorStaff);

        vendor.MapPost("", CreateAsync)
            .WithName("CreateHandover")
            .ProducesErrorCodes(OpportunitiesErrors.OfferingOutsideRuleSet)
            .WithSummary("Create an HO with its offering under a rule set, or as a committee case (pending_committee)")
            .WithIdempotency();

        vendor.MapGet("", ListForVendorAsync)
            .WithName("ListHandovers")
            .WithSummary("All HOs, newest first, optionally by status");

        vendor.MapGet("/{handover_id:guid}", GetForVendorAsync)
            .WithName("GetHandover")
            .WithSummary("One HO with its customer contact (masked)");

        vendor.MapPost("/{handover_id:guid}/committee-decision", DecideAsync)
            .WithName("DecideHandoverCommitteeCase")
            .ProducesErrorCodes()
            .WithSummary("Resolve a pending_committee HO: approved with the chosen offering (open), or declined");

        vendor.MapPost("/{handover_id:guid}/assign", AssignAsync)
            .WithName("AssignHandover")
            .ProducesErrorCodes(OpportunitiesErrors.HandoverPendingCommittee, OpportunitiesErrors.PartnerNotInPce, OpportunitiesErrors.PartnerNoRecentPoActivity, OpportunitiesErrors.PartnerPathStageTooLow, OpportunitiesErrors.PartnerTooFewDeliveredPos, OpportunitiesErrors.WorkingDayCalendarMissing)
            .WithSummary("Assign the HO to an eligible partner (the refusal names the failed condition); it answers within 3 working days");

        vendor.MapPost("/{handover_id:guid}/updates", VendorUpdateAsync)
            .WithName("AddVendorHandoverUpdate")
            .ProducesErrorCodes(OpportunitiesErrors.StageNotAllowed, OpportunitiesErrors.LostReasonRequired)
            .WithSummary("A vendor update on an accepted HO; the partner sees it in the history");

        var partner = app.MapGroup("/v2/partners/opportunities/handovers").WithTags("Handover opportunities").RequirePartner();

        partner.MapGet("", ListForPartnerAsync)
            .WithName("ListAssignedHandovers")
            .WithSummary("HOs assigned to the caller and not yet answered, and those it accepted");

        partner.MapGet("/{handover_id:guid}", GetForPartnerAsync)
            .WithName("GetAssignedHandover")
            .WithSummary("An HO assigned to the caller; before acceptance without the customer contact's personal data");

        partner.MapPost("/{handover_id:guid}/accept", AcceptAsync)
            .WithName("AcceptHandover")
            .ProducesErrorCodes(OpportunitiesErrors.NotInCoExpansionPlan)
            .WithSummary("Accept the HO (PCE partners): its updates take effect and joint work opens");

        partner.MapPost("/{handover_id:guid}/reject", RejectAsync)
            .WithName("RejectHandover")
            .ProducesErrorCodes(OpportunitiesErrors.RejectionReasonRequired)
            .WithSummary("Reject the HO with a reason");

        partner.MapPost("/{handover_id:guid}/progress", PartnerProgressAsync)
            .WithName("AddHandoverProgress")
            .ProducesErrorCodes(OpportunitiesErrors.StageNotAllowed, OpportunitiesErrors.LostReasonRequired)
            .WithSummary("Report progress on an accepted HO, as for a PO");

        partner.MapGet("/{handover_id:guid}/history", HistoryAsync)
            .WithName("GetHandoverHistory")
            .WithSummary("The HO's history since its assignment to the caller, the vendor's updates included");
        return app;
    }

    private static async Task<Created<HandoverView>> CreateAsync(
        HandoverInput request, CurrentCaller caller, Handovers handovers, CancellationToken cancellationToken)
    {
        var ho = await handovers.CreateAsync(caller, request, cancellationToken);
        return TypedResults.Created($"/v2/vendor/opportunities/handovers/{ho.Id}", HandoverView.From(ho, forVendor: true));
    }

    private static async Task<Ok<HandoverList>> ListForVendorAsync(
        [FromQuery] string? status, PageRequest page, Handovers handovers, CancellationToken cancellationToken)
    {
        var (total, items) = await handovers.ListForVendorAsync(SnakeCaseEnum.ParseOptional<HandoverStatus>(status, "status"), page, cancellationToken);
        return TypedResults.Ok(new HandoverList(total, [.. items.Select(h => HandoverView.From(h, forVendor: true))]));
    }

    private static async Task<Ok<HandoverView>> GetForVendorAsync(
        [FromRoute(Name = "handover_id")] Guid id, Handovers handovers, CancellationToken cancellationToken) =>
        TypedResults.Ok(HandoverView.From(await handovers.GetForVendorAsync(id, cancellationToken), forVendor: true));

    private static async Task<Ok<HandoverView>> DecideAsync(
        [FromRoute(Name = "handover_id")] Guid id, CommitteeDecisionInput request, CurrentCaller caller, Handovers handovers, CancellationToken cancellationToken) =>
        TypedResults.Ok(HandoverView.From(await handovers.DecideCommitteeAsync(caller, id, request, cancellationToken), forVendor: true));

    private static async Task<Ok<HandoverView>> AssignAsync(
        [FromRoute(Name = "handover_id")] Guid id, AssignInput request, CurrentCaller caller, Handovers handovers, CancellationToken cancellationToken) =>
        TypedResults.Ok(HandoverView.From(await handovers.AssignAsync(caller, id, request, cancellationToken), forVendor: true));

    private static async Task<Ok<HandoverView>> VendorUpdateAsync(
        [FromRoute(Name = "handover_id")] Guid id, ProgressInput request, CurrentCaller caller, Handovers handovers, CancellationToken cancellationToken) =>
        TypedResults.Ok(HandoverView.From(await handovers.AddProgressAsync(caller, id, request, byVendor: true, cancellationToken), forVendor: true));

    private static async Task<Ok<HandoverList>> ListForPartnerAsync(
        PageRequest page, CurrentCaller caller, Handovers handovers, CancellationToken cancellationToken)
    {
        var (total, items) = await handovers.ListForPartnerAsync(caller, page, cancellationToken);
        return TypedResults.Ok(new HandoverList(total, [.. items.Select(h => HandoverView.From(h, forVendor: false))]));
    }

    private static async Task<Ok<HandoverView>> GetForPartnerAsync(
        [FromRoute(Name = "handover_id")] Guid id, CurrentCaller caller, Handovers handovers, CancellationToken cancellationToken) =>
        TypedResults.Ok(HandoverView.From(await handovers.GetForPartnerAsync(caller, id, cancellationToken), forVendor: false));

    private static async Task<Ok<HandoverView>> AcceptAsync(
        [FromRoute(Name = "handover_id")] Guid id, CurrentCaller caller, Handovers handovers, CancellationToken cancellationToken) =>
        TypedResults.Ok(HandoverView.From(await handovers.AcceptAsync(caller, id, cancellationToken), forVendor: false));

    private static async Task<Ok<HandoverView>> RejectAsync(
        [FromRoute(Name = "handover_id")] Guid id, HandoverRejectInput request, CurrentCaller caller, Handovers handovers, CancellationToken cancellationToken) =>
        TypedResults.Ok(HandoverView.From(await handovers.RejectAsync(caller, id, request, cancellationToken), forVendor: false));

    private static async Task<Ok<HandoverView>> PartnerProgressAsync(
        [FromRoute(Name = "handover_id")] Guid id, ProgressInput request, CurrentCaller caller, Handovers handovers, CancellationToken cancellationToken) =>
        TypedResults.Ok(HandoverView.From(await handovers.AddProgressAsync(caller, id, request, byVendor: false, cancellationToken), forVendor: false));

    private static async Task<Ok<HistoryList>> HistoryAsync(
        [FromRoute(Name = "handover_id")] Guid id, CurrentCaller caller, Handovers handovers, CancellationToken cancellationToken) =>
        TypedResults.Ok(HistoryList.From(await handovers.HistoryForPartnerAsync(caller, id, cancellationToken)));
}

using Incentives.Api.Application;
using Incentives.Api.Domain;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using PartnerPlatform.ServiceDefaults;

namespace Incentives.Api.Apis;

/// <summary>NRE: the PDM uploads and reviews the signed agreement; the partner applies for milestone acceptance in order; vendor staff accept.</summary>
public static class NreApi
{
    public static IEndpointRouteBuilder MapNreApi(this IEndpointRouteBuilder app)
    {
        var partner = app.MapGroup("/v2/partners/incentives/nre/agreements").WithTags("NRE").RequirePartner();
        partner.MapGet("/", ListAsync).WithName("ListNreAgreements").ProducesErrorCodes().WithSummary("The caller's NRE agreements with their milestones");
        partner.MapGet("/{nre_id:guid}", GetAsync).WithName("GetNreAgreement").ProducesErrorCodes().WithSummary("An NRE agreement with its milestones");
        partner.MapPost("/{nre_id:guid}/milestones/{milestone_number:int}/acceptance-application", ApplyAsync).WithName("ApplyForNreMilestoneAcceptance").ProducesErrorCodes(IncentivesErrors.NreAgreementNotReviewed, IncentivesErrors.NreMilestoneOutOfOrder, IncentivesErrors.NreMilestoneNotPending)
            .WithSummary("Apply for a milestone's acceptance with the material: after the PDM's review, in the agreement's order").WithIdempotency();

        var vendor = app.MapGroup("/v2/vendor/incentives/nre/agreements").WithTags("NRE (vendor)");
        vendor.MapPost("/", UploadAsync).WithName("UploadNreAgreement").ProducesErrorCodes(IncentivesErrors.NreSolutionHasAgreement, IncentivesErrors.NreMilestonesDoNotAddUp).RequireVendorRole(VendorRoles.EcosystemManagers)
            .WithSummary("The ecosystem manager uploads a signed NRE agreement with its milestones (one NRE per solution)").WithIdempotency();
        vendor.MapPost("/{nre_id:guid}/document", ReplaceDocumentAsync).WithName("ReplaceNreAgreementDocument").ProducesErrorCodes(IncentivesErrors.NreAgreementNotReturned).RequireVendorRole(VendorRoles.EcosystemManagers)
            .WithSummary("Upload the corrected document of an agreement the review returned");
        vendor.MapPost("/{nre_id:guid}/review", ReviewAsync).WithName("ReviewNreAgreement").ProducesErrorCodes(IncentivesErrors.NreAgreementNotAwaitingReview).RequireVendorRole(VendorRoles.EcosystemManagers)
            .WithSummary("The ecosystem manager's review (复核): reviewed (publishes NreAgreementReviewed) or returned");
        vendor.MapGet("/", VendorListAsync).WithName("VendorListNreAgreements").ProducesErrorCodes().RequireVendorRole(VendorRoles.VendorStaff).WithSummary("NRE agreements, optionally of one partner");
        vendor.MapGet("/{nre_id:guid}", VendorGetAsync).WithName("VendorGetNreAgreement").ProducesErrorCodes().RequireVendorRole(VendorRoles.VendorStaff).WithSummary("An NRE agreement");
        vendor.MapPost("/{nre_id:guid}/milestones/{milestone_number:int}/acceptance", DecideAsync).WithName("DecideNreMilestoneAcceptance").ProducesErrorCodes(IncentivesErrors.NreMilestoneNotApplied)
            .RequireVendorRole(VendorRoles.VendorStaff).WithSummary("Accept a milestone (publishes NreMilestoneAccepted) or refuse it back to pending");
        return app;
    }

    private static async Task<Ok<NreAgreementsView>> ListAsync(CurrentCaller caller, PageRequest page, Nre nre, CancellationToken ct)
    {
        var (total, items) = await nre.ListAsync(caller.GetPartnerGuid(), page, ct);
        return TypedResults.Ok(new NreAgreementsView(total, [.. items.Select(NreAgreementView.Of)]));
    }

    private static async Task<Ok<NreAgreementView>> GetAsync([FromRoute(Name = "nre_id")] Guid nreId, CurrentCaller caller, Nre nre, CancellationToken ct) =>
        TypedResults.Ok(NreAgreementView.Of(await nre.GetAsync(caller.GetPartnerGuid(), nreId, ct)));

    private static async Task<Ok<NreAgreementView>> ApplyAsync(
        [FromRoute(Name = "nre_id")] Guid nreId, [FromRoute(Name = "milestone_number")] int number, NreAcceptanceApplicationRequest request,
        CurrentCaller caller, Nre nre, CancellationToken ct) =>
        TypedResults.Ok(NreAgreementView.Of(await nre.ApplyForAcceptanceAsync(caller.GetPartnerGuid(), nreId, number, request.Materials ?? [], ct)));

    private static async Task<Created<NreAgreementView>> UploadAsync(UploadNreRequest request, CurrentCaller caller, Nre nre, CancellationToken ct)
    {
        var agreement = await nre.UploadAsync(
            FieldValidation.Checked(v => new Nre.NewAgreement(
                request.PartnerId, request.SolutionId, v.RequiredText(request.SolutionName, "solution_name", 256), v.RequiredText(request.DocumentReference, "document_reference", 512),
                request.DocumentSha256 ?? "", v.Currency(request.Currency, "currency"), request.TotalAmount,
                [.. (request.Milestones ?? []).Select(m => new Nre.NewMilestone(m.Name ?? "", m.Amount))])),
            caller.Actor,
            ct);
        return TypedResults.Created($"/v2/vendor/incentives/nre/agreements/{agreement.Id}", NreAgreementView.Of(agreement));
    }

    private static async Task<Ok<NreAgreementView>> ReplaceDocumentAsync(
        [FromRoute(Name = "nre_id")] Guid nreId, NreDocumentRequest request, CurrentCaller caller, Nre nre, CancellationToken ct) =>
        TypedResults.Ok(NreAgreementView.Of(await nre.ReplaceDocumentAsync(
            nreId, FieldValidation.Checked(v => v.RequiredText(request.DocumentReference, "document_reference", 512)), request.DocumentSha256 ?? "", caller.Actor, ct)));

    private static async Task<Ok<NreAgreementView>> ReviewAsync(
        [FromRoute(Name = "nre_id")] Guid nreId, NreReviewRequest request, CurrentCaller caller, Nre nre, CancellationToken ct) =>
        TypedResults.Ok(NreAgreementView.Of(await nre.ReviewAsync(nreId, request.Approve, caller.Actor, request.Remark, ct)));

    private static async Task<Ok<NreAgreementsView>> VendorListAsync([FromQuery(Name = "partner_id")] Guid? partnerId, PageRequest page, Nre nre, CancellationToken ct)
    {
        var (total, items) = await nre.ListAsync(partnerId, page, ct);
        return TypedResults.Ok(new NreAgreementsView(total, [.. items.Select(NreAgreementView.Of)]));
    }

    private static async Task<Ok<NreAgreementView>> VendorGetAsync([FromRoute(Name = "nre_id")] Guid nreId, Nre nre, CancellationToken ct) =>
        TypedResults.Ok(NreAgreementView.Of(await nre.GetAsync(null, nreId, ct)));

    private static async Task<Ok<NreAgreementView>> DecideAsync(
        [FromRoute(Name = "nre_id")] Guid nreId, [FromRoute(Name = "milestone_number")] int number, NreAcceptanceDecisionRequest request,
        CurrentCaller caller, Nre nre, CancellationToken ct) =>
        TypedResults.Ok(NreAgreementView.Of(await nre.DecideAcceptanceAsync(nreId, number, request.Accept, caller.Actor, request.Remark, ct)));
}

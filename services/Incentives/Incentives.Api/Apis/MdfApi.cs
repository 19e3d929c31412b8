using Incentives.Api.Application;
using Incentives.Api.Domain;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using PartnerPlatform.ServiceDefaults;

namespace Incentives.Api.Apis;

/// <summary>The market development fund: quotas, applications with the legal attestation, approval, claims with invoices, payment.</summary>
public static class MdfApi
{
    public static IEndpointRouteBuilder MapMdfApi(this IEndpointRouteBuilder app)
    {
        var partner = app.MapGroup("/v2/partners/incentives/mdf").WithTags("MDF").RequirePartner();
        partner.MapGet("/categories", CategoriesAsync).WithName("ListMdfCategories").ProducesErrorCodes().WithSummary("The reimbursable MDF categories (events, digital, media)");
        partner.MapGet("/quotas", QuotasAsync).WithName("ListMdfQuotas").ProducesErrorCodes().WithSummary("The caller's MDF quota per year, with what approvals reserved");
        partner.MapGet("/applications", ListAsync).WithName("ListMdfApplications").ProducesErrorCodes().WithSummary("The caller's MDF applications, newest first, optionally of one status");
        partner.MapPost("/applications", ApplyAsync).WithName("ApplyForMdf").ProducesErrorCodes(IncentivesErrors.MdfUnknownCategory, IncentivesErrors.MdfAttestationRequired, IncentivesErrors.MdfActivityInPast, IncentivesErrors.MdfNoQuota, IncentivesErrors.MdfQuotaExceeded, IncentivesErrors.MdfInvoiceCurrencyMismatch)
            .WithSummary("Apply to use MDF quota for a marketing activity of a category, attesting that it obeys the law (legal_attestation: true)").WithIdempotency();
        partner.MapGet("/applications/{application_id:guid}", GetAsync).WithName("GetMdfApplication").ProducesErrorCodes()
            .WithSummary("An MDF application with its activity window (activity_status) and claims");
        partner.MapPost("/applications/{application_id:guid}/claims", ClaimAsync).WithName("ClaimMdf").ProducesErrorCodes(IncentivesErrors.MdfApplicationNotApproved, IncentivesErrors.MdfActivityNotStarted, IncentivesErrors.MdfClaimWindowClosed, IncentivesErrors.MdfClaimExceedsApproved, IncentivesErrors.MdfInvoicesDoNotCover, IncentivesErrors.MdfInvoiceCurrencyMismatch, IncentivesErrors.MdfInvoiceNumberUsed)
            .WithSummary("Claim reimbursement for the activity with invoices whose total covers the claim (from the activity's start until claim_by)").WithIdempotency();
        partner.MapGet("/claims/{claim_id:guid}", GetClaimAsync).WithName("GetMdfClaim").ProducesErrorCodes().WithSummary("An MDF claim with its invoices");

        var vendor = app.MapGroup("/v2/vendor/incentives/mdf").WithTags("MDF (vendor)").RequireVendorRole(VendorRoles.VendorStaff);
        vendor.MapPut("/quotas/{partner_id:guid}/{year:int}", SetQuotaAsync).WithName("SetMdfQuota").ProducesErrorCodes(IncentivesErrors.MdfQuotaBelowApproved, IncentivesErrors.MdfInvoiceCurrencyMismatch)
            .WithSummary("Set a partner's MDF quota for a year (never below what approvals reserved)");
        vendor.MapGet("/quotas/{partner_id:guid}", VendorQuotasAsync).WithName("VendorListMdfQuotas").ProducesErrorCodes().WithSummary("A partner's MDF quotas");
        vendor.MapGet("/applications", VendorListAsync).WithName("VendorListMdfApplications").ProducesErrorCodes().WithSummary("MDF applications, e.g. status=applied");
        vendor.MapGet("/applications/{application_id:guid}", VendorGetAsync).WithName("VendorGetMdfApplication").ProducesErrorCodes().WithSummary("An MDF application with its claims");
        vendor.MapPost("/applications/{application_id:guid}/decision", DecideAsync).WithName("DecideMdfApplication").ProducesErrorCodes(IncentivesErrors.MdfApplicationNotPending, IncentivesErrors.MdfNoQuota, IncentivesErrors.MdfQuotaExceeded)
            .WithSummary("Approve (reserving the amount from the quota; publishes MdfApplicationApproved) or reject an MDF application");
        vendor.MapGet("/claims/{claim_id:guid}", VendorGetClaimAsync).WithName("VendorGetMdfClaim").ProducesErrorCodes().WithSummary("An MDF claim with its invoices");
        vendor.MapPost("/claims/{claim_id:guid}/decision", DecideClaimAsync).WithName("DecideMdfClaim").ProducesErrorCodes(IncentivesErrors.MdfClaimNotSubmitted)
            .WithSummary("Approve or reject a submitted claim (a rejected claim frees its amount)");
        vendor.MapPost("/claims/{claim_id:guid}/payment", PayClaimAsync).WithName("PayMdfClaim").ProducesErrorCodes(IncentivesErrors.MdfClaimNotApproved).WithSummary("Pay an approved claim (publishes MdfClaimPaid)");
        return app;
    }

    private static async Task<Ok<MdfCategoriesView>> CategoriesAsync(Mdf mdf, CancellationToken ct) =>
        TypedResults.Ok(new MdfCategoriesView([.. (await mdf.CategoriesAsync(ct)).Select(MdfCategoryView.Of)]));

    private static async Task<Ok<MdfQuotasView>> QuotasAsync(CurrentCaller caller, Mdf mdf, CancellationToken ct) =>
        TypedResults.Ok(new MdfQuotasView([.. (await mdf.QuotasAsync(caller.GetPartnerGuid(), ct)).Select(MdfQuotaView.Of)]));

    private static async Task<Ok<MdfApplicationsView>> ListAsync(CurrentCaller caller, Mdf mdf, PageRequest page, [FromQuery] string? status, CancellationToken ct) =>
        await ListOfAsync(caller.GetPartnerGuid(), status, mdf, page, ct);

    private static async Task<Created<MdfApplicationView>> ApplyAsync(MdfApplicationRequest request, CurrentCaller caller, Mdf mdf, CancellationToken ct)
    {
        var application = await mdf.ApplyAsync(
            caller.GetPartnerGuid(),
            FieldValidation.Checked(v => new Mdf.NewApplication(
                v.RequiredText(request.Category, "category", 64), v.RequiredText(request.Title, "title", 256), request.ActivityStart, request.ActivityEnd, request.Amount,
                v.Currency(request.Currency, "currency"), request.LegalAttestation)),
            ct);
        return TypedResults.Created($"/v2/partners/incentives/mdf/applications/{application.Id}", MdfApplicationView.Of(application, mdf.Today(), withClaims: true));
    }

    private static async Task<Ok<MdfApplicationView>> GetAsync([FromRoute(Name = "application_id")] Guid applicationId, CurrentCaller caller, Mdf mdf, CancellationToken ct) =>
        TypedResults.Ok(MdfApplicationView.Of(await mdf.GetApplicationAsync(caller.GetPartnerGuid(), applicationId, ct), mdf.Today(), withClaims: true));

    private static async Task<Created<MdfClaimView>> ClaimAsync(
        [FromRoute(Name = "application_id")] Guid applicationId, MdfClaimRequest request, CurrentCaller caller, Mdf mdf, CancellationToken ct)
    {
        var (currency, invoices) = FieldValidation.Checked(v => (
            v.Currency(request.Currency, "currency"),
            (request.Invoices ?? []).Select(i => new Mdf.NewInvoice(v.RequiredText(i.InvoiceNumber, "invoice_number", 64), i.Amount, v.Currency(i.Currency, "currency"), i.IssuedOn)).ToList()));
        var claim = await mdf.ClaimAsync(caller.GetPartnerGuid(), applicationId, request.Amount, currency, invoices, ct);
        return TypedResults.Created($"/v2/partners/incentives/mdf/claims/{claim.Id}", MdfClaimView.Of(claim));
    }

    private static async Task<Ok<MdfClaimView>> GetClaimAsync([FromRoute(Name = "claim_id")] Guid claimId, CurrentCaller caller, Mdf mdf, CancellationToken ct) =>
        TypedResults.Ok(MdfClaimView.Of(await mdf.GetClaimAsync(caller.GetPartnerGuid(), claimId, ct)));

    private static async Task<Ok<MdfQuotaView>> SetQuotaAsync(
        [FromRoute(Name = "partner_id")] Guid partnerId, int year, SetMdfQuotaRequest request, CurrentCaller caller, Mdf mdf, CancellationToken ct) =>
        TypedResults.Ok(MdfQuotaView.Of(await mdf.SetQuotaAsync(partnerId, year, request.Amount, FieldValidation.Checked(v => v.Currency(request.Currency, "currency")), caller.Actor, ct)));

    private static async Task<Ok<MdfQuotasView>> VendorQuotasAsync([FromRoute(Name = "partner_id")] Guid partnerId, Mdf mdf, CancellationToken ct) =>
        TypedResults.Ok(new MdfQuotasView([.. (await mdf.QuotasAsync(partnerId, ct)).Select(MdfQuotaView.Of)]));

    private static async Task<Ok<MdfApplicationsView>> VendorListAsync(
        [FromQuery(Name = "partner_id")] Guid? partnerId, [FromQuery] string? status, PageRequest page, Mdf mdf, CancellationToken ct) =>
        await ListOfAsync(partnerId, status, mdf, page, ct);

    private static async Task<Ok<MdfApplicationView>> VendorGetAsync([FromRoute(Name = "application_id")] Guid applicationId, Mdf mdf, CancellationToken ct) =>
        TypedResults.Ok(MdfApplicationView.Of(await mdf.GetApplicationAsync(null, applicationId, ct), mdf.Today(), withClaims: true));

    private static async Task<Ok<MdfApplicationView>> DecideAsync(
        [FromRoute(Name = "application_id")] Guid applicationId, MdfDecisionRequest request, CurrentCaller caller, Mdf mdf, CancellationToken ct) =>
        TypedResults.Ok(MdfApplicationView.Of(
            await mdf.DecideAsync(applicationId, request.Approve, request.ApprovedAmount, caller.Actor, request.Remark, ct), mdf.Today()));

    private static async Task<Ok<MdfClaimView>> VendorGetClaimAsync([FromRoute(Name = "claim_id")] Guid claimId, Mdf mdf, CancellationToken ct) =>
        TypedResults.Ok(MdfClaimView.Of(await mdf.GetClaimAsync(null, claimId, ct)));

    private static async Task<Ok<MdfClaimView>> DecideClaimAsync(
        [FromRoute(Name = "claim_id")] Guid claimId, MdfClaimDecisionRequest request, CurrentCaller caller, Mdf mdf, CancellationToken ct)
    {
        await mdf.DecideClaimAsync(claimId, request.Approve, caller.Actor, request.Remark, ct);
        return TypedResults.Ok(MdfClaimView.Of(await mdf.GetClaimAsync(null, claimId, ct)));
    }

    private static async Task<Ok<MdfClaimView>> PayClaimAsync([FromRoute(Name = "claim_id")] Guid claimId, Mdf mdf, CancellationToken ct)
    {
        await mdf.PayClaimAsync(claimId, ct);
        return TypedResults.Ok(MdfClaimView.Of(await mdf.GetClaimAsync(null, claimId, ct)));
    }

    private static async Task<Ok<MdfApplicationsView>> ListOfAsync(Guid? partnerId, string? status, Mdf mdf, PageRequest page, CancellationToken ct)
    {
        var (total, items) = await mdf.ListApplicationsAsync(partnerId, SnakeCaseEnum.ParseOptional<MdfApplicationStatus>(status, "status"), page, ct);
        var today = mdf.Today();
        return TypedResults.Ok(new MdfApplicationsView(total, [.. items.Select(a => MdfApplicationView.Of(a, today))]));
    }
}

using Identity.Api.Application;
using Identity.Api.Domain;
using Microsoft.AspNetCore.Http.HttpResults;
using PartnerPlatform.ServiceDefaults;

namespace Identity.Api.Apis;

/// <summary>A partner's own profile: registration, programmes, co-expansion plan, business certification.</summary>
public static class PartnerProfileApi
{
    public static IEndpointRouteBuilder MapPartnerProfileApi(this IEndpointRouteBuilder app)
    {
        var profile = app.MapGroup("/v2/partners/profile").WithTags("Partner profile");

        profile.MapPost("/register", RegisterAsync)
            .WithName("RegisterPartner")
            .ProducesErrorCodes(IdentityErrors.InvalidAccountName, IdentityErrors.InvalidMobile, IdentityErrors.InvalidPassword, IdentityErrors.AccountNameExists)
            .WithSummary("Register an enterprise as a partner with its main account")
            .AllowAnonymous()
            .WithRateLimit();
        profile.MapGet("/", GetAsync)
            .WithName("GetPartnerProfile")
            .WithSummary("The caller's partner profile")
            .RequirePartner();
        profile.MapPost("/programmes", JoinProgrammeAsync)
            .WithName("JoinProgramme")
            .ProducesErrorCodes()
            .WithSummary("Join solution_provider, cloud_reseller or gov_subsidy (distributor is granted by vendor staff)")
            .RequirePermission(PermissionItems.PartnerManage);
        profile.MapPost("/co-expansion-plan", JoinCoExpansionPlanAsync)
            .WithName("JoinCoExpansionPlan")
            .ProducesErrorCodes()
            .WithSummary("Join the co-expansion plan (PCE) after accepting its conditions; no approval needed")
            .RequirePermission(PermissionItems.PartnerManage);
        profile.MapGet("/business-certification", GetCertificationAsync)
            .WithName("GetBusinessCertification")
            .WithSummary("The state of the business-information certification")
            .RequirePartner();
        profile.MapPost("/business-certification", SubmitCertificationAsync)
            .WithName("SubmitBusinessCertification")
            .ProducesErrorCodes()
            .WithSummary("Submit bank and tax information; a conflict with the vendor's supplier record asks for a bank letter")
            .RequirePermission(PermissionItems.PartnerManage);
        profile.MapPost("/business-certification/bank-letter", SubmitBankLetterAsync)
            .WithName("SubmitBankLetter")
            .ProducesErrorCodes()
            .WithSummary("Hand in the bank letter for manual review (5 working days)")
            .RequirePermission(PermissionItems.PartnerManage);
        return app;
    }

    public static async Task<Created<PartnerView>> RegisterAsync(RegisterPartnerRequest request, PartnerRegistration registration) =>
        TypedResults.Created("/v2/partners/profile", PartnerView.From(await registration.RegisterAsync(request.ToNewPartner())));

    public static async Task<Ok<PartnerView>> GetAsync(CurrentCaller caller, PartnerQueries partners, CancellationToken cancellationToken) =>
        TypedResults.Ok(PartnerView.From(await partners.GetAsync(caller.GetPartnerGuid(), cancellationToken)));

    public static async Task<Ok<PartnerView>> JoinProgrammeAsync(
        JoinProgrammeRequest request, CurrentCaller caller, PartnerProgrammes programmes, CancellationToken cancellationToken) =>
        TypedResults.Ok(PartnerView.From(await programmes.JoinAsync(
            caller.GetPartnerGuid(),
            request.Programme ?? throw FieldValidation.Invalid("programme", "programme is solution_provider, cloud_reseller or gov_subsidy."),
            expiresAt: null,
            caller.GetUserGuid(),
            byVendor: false,
            cancellationToken)));

    public static async Task<Ok<PartnerView>> JoinCoExpansionPlanAsync(
        JoinCoExpansionPlanRequest request, CurrentCaller caller, PartnerProgrammes programmes, CancellationToken cancellationToken) =>
        TypedResults.Ok(PartnerView.From(await programmes.JoinCoExpansionPlanAsync(caller.GetPartnerGuid(), caller.GetUserGuid(), request.AcceptConditions, cancellationToken)));

    public static async Task<Ok<CertificationView>> GetCertificationAsync(CurrentCaller caller, PartnerQueries partners, CancellationToken cancellationToken) =>
        TypedResults.Ok(CertificationView.From(await partners.GetCertificationAsync(caller.GetPartnerGuid(), cancellationToken)));

    public static async Task<Ok<CertificationView>> SubmitCertificationAsync(
        SubmitCertificationRequest request, CurrentCaller caller, BusinessCertifications certifications, CancellationToken cancellationToken) =>
        TypedResults.Ok(CertificationView.From(await certifications.SubmitAsync(caller.GetPartnerGuid(), request.ToSubmission(), cancellationToken)));

    public static async Task<Ok<CertificationView>> SubmitBankLetterAsync(
        SubmitBankLetterRequest request, CurrentCaller caller, BusinessCertifications certifications, CancellationToken cancellationToken) =>
        TypedResults.Ok(CertificationView.From(await certifications.SubmitBankLetterAsync(caller.GetPartnerGuid(), request.DocumentReference, cancellationToken)));
}

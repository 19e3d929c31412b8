using Identity.Api.Application;
using Identity.Api.Domain;
using Microsoft.AspNetCore.Http.HttpResults;
using PartnerPlatform.ServiceDefaults;

namespace Identity.Api.Apis;

/// <summary>Vendor staff: list and review partners, set their path stage and tags, grant and end programmes, review bank letters.</summary>
public static class VendorPartnersApi
{
    public static readonly string[] AnyStaff = ["admin", "ecosystem_manager", "pdm", "psm", "ops"];
    public static readonly string[] PartnerDevelopment = ["admin", "ecosystem_manager", "pdm"];
    public static readonly string[] ProgrammeManagers = ["admin", "ecosystem_manager", "ops"];
    public static readonly string[] Reviewers = ["admin", "ops"];

    public static IEndpointRouteBuilder MapVendorPartnersApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v2/vendor/partners").WithTags("Vendor: partners");

        group.MapGet("/", ListAsync)
            .WithName("VendorListPartners")
            .WithSummary("Partners, filtered by programme, path stage or name, newest first")
            .RequireVendorRole(AnyStaff);
        group.MapGet("/{partnerId:guid}", GetAsync)
            .WithName("VendorGetPartner")
            .WithSummary("One partner with its ETag")
            .RequireVendorRole(AnyStaff);
        group.MapPut("/{partnerId:guid}/path-stage", SetPathStageAsync)
            .WithName("VendorSetPathStage")
            .ProducesErrorCodes()
            .WithSummary("Move the partner along the development path (If-Match required)")
            .RequireVendorRole(PartnerDevelopment)
            .RequireIfMatch();
        group.MapPost("/{partnerId:guid}/capability-tags", GrantTagAsync)
            .WithName("VendorGrantCapabilityTag")
            .ProducesErrorCodes()
            .WithSummary("Grant the partner a capability tag")
            .RequireVendorRole(PartnerDevelopment);
        group.MapPost("/{partnerId:guid}/programmes", GrantProgrammeAsync)
            .WithName("VendorGrantProgramme")
            .ProducesErrorCodes()
            .WithSummary("Put the partner in a programme (the only way into distributor)")
            .RequireVendorRole(ProgrammeManagers);
        group.MapPost("/{partnerId:guid}/programmes/{programme}/expire", ExpireProgrammeAsync)
            .WithName("VendorExpireProgramme")
            .ProducesErrorCodes()
            .WithSummary("End the partner's membership in a programme now")
            .RequireVendorRole(ProgrammeManagers);
        group.MapGet("/business-certifications", ListCertificationsAsync)
            .WithName("VendorListBusinessCertifications")
            .WithSummary("Business certifications by status (pending_review: bank letters waiting, oldest first)")
            .RequireVendorRole(Reviewers);
        group.MapPost("/business-certifications/{partnerId:guid}/approve", (Guid partnerId, ReviewRequest? request, CurrentCaller caller, BusinessCertifications certifications, CancellationToken ct) =>
                ReviewAsync(partnerId, true, request, caller, certifications, ct))
            .WithName("VendorApproveBankLetter")
            .ProducesErrorCodes()
            .WithSummary("Accept the bank letter: the business information is certified")
            .RequireVendorRole(Reviewers);
        group.MapPost("/business-certifications/{partnerId:guid}/reject", (Guid partnerId, ReviewRequest? request, CurrentCaller caller, BusinessCertifications certifications, CancellationToken ct) =>
                ReviewAsync(partnerId, false, request, caller, certifications, ct))
            .WithName("VendorRejectBankLetter")
            .ProducesErrorCodes()
            .WithSummary("Reject the bank letter with a note; the partner may submit again")
            .RequireVendorRole(Reviewers);
        group.MapPut("/supplier-records", RecordSupplierAsync)
            .WithName("VendorRecordSupplier")
            .ProducesErrorCodes()
            .WithSummary("Record the bank account the vendor holds for a supplier's tax id")
            .RequireVendorRole(Reviewers);
        group.MapPost("/staff", CreateStaffAsync)
            .WithName("VendorCreateStaffAccount")
            .ProducesErrorCodes(IdentityErrors.InvalidAccountName, IdentityErrors.InvalidPassword, IdentityErrors.AccountNameExists)
            .WithSummary("Create a vendor staff account with a role")
            .RequireVendorRole("admin");
        return app;
    }

    public static async Task<Ok<PagedResponse<PartnerView>>> ListAsync(
        PageRequest page, PartnerQueries partners, string? programme, string? pathStage, string? name, CancellationToken cancellationToken) =>
        Views.Page("partners", await partners.ListAsync(page, programme, pathStage, name, cancellationToken), PartnerView.From);

    public static async Task<Ok<PartnerView>> GetAsync(Guid partnerId, PartnerQueries partners, HttpResponse response, CancellationToken cancellationToken) =>
        Views.WithETag(response, await partners.GetAsync(partnerId, cancellationToken), p => p.Version, PartnerView.From);

    public static async Task<Ok<PartnerView>> SetPathStageAsync(
        Guid partnerId, SetPathStageRequest request, CurrentCaller caller, PartnerProgrammes programmes, HttpContext http, CancellationToken cancellationToken) =>
        Views.WithETag(
            http.Response,
            await programmes.SetPathStageAsync(
                partnerId,
                request.PathStage ?? throw FieldValidation.Invalid("path_stage", "path_stage is registered, role_certified or capability_differentiated."),
                http.Request.RequireIfMatchVersion(),
                caller.GetUserGuid(),
                cancellationToken),
            p => p.Version,
            PartnerView.From);

    public static async Task<Ok<PartnerView>> GrantTagAsync(
        Guid partnerId, GrantTagRequest request, CurrentCaller caller, PartnerProgrammes programmes, CancellationToken cancellationToken) =>
        TypedResults.Ok(PartnerView.From(await programmes.GrantCapabilityTagAsync(partnerId, request.Tag, caller.GetUserGuid(), cancellationToken)));

    public static async Task<Ok<PartnerView>> GrantProgrammeAsync(
        Guid partnerId, GrantProgrammeRequest request, CurrentCaller caller, PartnerProgrammes programmes, CancellationToken cancellationToken) =>
        TypedResults.Ok(PartnerView.From(await programmes.JoinAsync(
            partnerId, request.Programme ?? throw FieldValidation.Invalid("programme", "programme is required."), request.ExpiresAt, caller.GetUserGuid(), byVendor: true, cancellationToken)));

    public static async Task<Ok<PartnerView>> ExpireProgrammeAsync(
        Guid partnerId, string programme, CurrentCaller caller, PartnerProgrammes programmes, CancellationToken cancellationToken) =>
        TypedResults.Ok(PartnerView.From(await programmes.ExpireAsync(
            partnerId, SnakeCaseEnum.ParseOptional<Programme>(programme, "programme")!.Value, caller.GetUserGuid(), cancellationToken)));

    public static async Task<Ok<PagedResponse<CertificationView>>> ListCertificationsAsync(
        PageRequest page, PartnerQueries partners, string? status, CancellationToken cancellationToken) =>
        Views.Page("business_certifications", await partners.ListCertificationsAsync(page, status, cancellationToken), CertificationView.From);

    public static async Task<Ok<CertificationView>> ReviewAsync(
        Guid partnerId, bool approve, ReviewRequest? request, CurrentCaller caller, BusinessCertifications certifications, CancellationToken cancellationToken) =>
        TypedResults.Ok(CertificationView.From(await certifications.ReviewAsync(partnerId, approve, request?.Note, caller.GetUserGuid(), cancellationToken)));

    public static Task<NoContent> RecordSupplierAsync(
        RecordSupplierRequest request, CurrentCaller caller, BusinessCertifications certifications, CancellationToken cancellationToken) =>
        certifications.RecordSupplierAsync(request.TaxId, request.BankAccountNumber, caller.GetUserGuid(), cancellationToken).ThenNoContent();

    public static async Task<Created<StaffView>> CreateStaffAsync(CreateStaffRequest request, CurrentCaller caller, VendorStaff staff) =>
        StaffView.Created(await staff.CreateAsync(caller.GetUserGuid(), request.ToNewStaff()));
}

using System.Text.RegularExpressions;
using Identity.Api.Data;
using Identity.Api.Domain;
using Identity.Api.Infrastructure.Accounts;
using Identity.Api.Application;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using PartnerPlatform.ServiceDefaults;

namespace Identity.Api.Apis;

/// <summary>Vendor staff: list and review partners, set their path stage and tags, grant and end programmes, review bank letters.</summary>
public static partial class VendorPartnersApi
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
            .WithSummary("Move the partner along the development path (If-Match required)")
            .RequireVendorRole(PartnerDevelopment)
            .RequireIfMatch();
        group.MapPost("/{partnerId:guid}/capability-tags", GrantTagAsync)
            .WithName("VendorGrantCapabilityTag")
            .WithSummary("Grant the partner a capability tag")
            .RequireVendorRole(PartnerDevelopment);
        group.MapPost("/{partnerId:guid}/programmes", GrantProgrammeAsync)
            .WithName("VendorGrantProgramme")
            .WithSummary("Put the partner in a programme (the only way into distributor)")
            .RequireVendorRole(ProgrammeManagers);
        group.MapPost("/{partnerId:guid}/programmes/{programme}/expire", ExpireProgrammeAsync)
            .WithName("VendorExpireProgramme")
            .WithSummary("End the partner's membership in a programme now")
            .RequireVendorRole(ProgrammeManagers);
        group.MapGet("/business-certifications", ListCertificationsAsync)
            .WithName("VendorListBusinessCertifications")
            .WithSummary("Business certifications by status (pending_review: bank letters waiting, oldest first)")
            .RequireVendorRole(Reviewers);
        group.MapPost("/business-certifications/{partnerId:guid}/approve", (Guid partnerId, ReviewRequest? request, CurrentCaller caller, BusinessCertifications certifications, CancellationToken ct) =>
                ReviewAsync(partnerId, true, request, caller, certifications, ct))
            .WithName("VendorApproveBankLetter")
            .WithSummary("Accept the bank letter: the business information is certified")
            .RequireVendorRole(Reviewers);
        group.MapPost("/business-certifications/{partnerId:guid}/reject", (Guid partnerId, ReviewRequest? request, CurrentCaller caller, BusinessCertifications certifications, CancellationToken ct) =>
                ReviewAsync(partnerId, false, request, caller, certifications, ct))
            .WithName("VendorRejectBankLetter")
            .WithSummary("Reject the bank letter with a note; the partner may submit again")
            .RequireVendorRole(Reviewers);
        group.MapPut("/supplier-records", RecordSupplierAsync)
            .WithName("VendorRecordSupplier")
            .WithSummary("Record the bank account the vendor holds for a supplier's tax id")
            .RequireVendorRole(Reviewers);
        group.MapPost("/staff", CreateStaffAsync)
            .WithName("VendorCreateStaffAccount")
            .WithSummary("Create a vendor staff account with a role")
            .RequireVendorRole("admin");
        return app;
    }

    public static async Task<Ok<PagedResponse<PartnerView>>> ListAsync(
        PageRequest page, IdentityDbContext db, string? programme, string? pathStage, string? name, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        var query = db.Partners.AsNoTracking().Include(p => p.Programmes).Include(p => p.CapabilityTags).AsSplitQuery().AsQueryable();
        if (SnakeCaseEnum.ParseOptional<Programme>(programme, "programme") is { } wanted)
        {
            query = query.Where(p => p.Programmes.Any(m => m.Programme == wanted && m.Status == ProgrammeStatus.Active));
        }

        if (SnakeCaseEnum.ParseOptional<PathStage>(pathStage, "path_stage") is { } stage)
        {
            query = query.Where(p => p.PathStage == stage);
        }

        if (Rules.Clean(name) is { } text)
        {
            query = query.Where(p => EF.Functions.ILike(p.CompanyName, "%" + text.Replace("%", "\\%", StringComparison.Ordinal) + "%"));
        }

        var total = await query.CountAsync(cancellationToken);
        var items = await query.OrderByDescending(p => p.CreatedAt).ThenBy(p => p.Id).Page(page).ToListAsync(cancellationToken);
        return TypedResults.Ok(new PagedResponse<PartnerView>("partners", total, [.. items.Select(PartnerView.From)]));
    }

    public static async Task<Ok<PartnerView>> GetAsync(Guid partnerId, IdentityDbContext db, HttpResponse response, CancellationToken cancellationToken)
    {
        var partner = await db.LoadPartnerAsync(partnerId, cancellationToken);
        response.SetETag(ETags.FromVersion(partner.Version));
        return TypedResults.Ok(PartnerView.From(partner));
    }

    public static async Task<Ok<PartnerView>> SetPathStageAsync(
        Guid partnerId, SetPathStageRequest request, CurrentCaller caller, PartnerProgrammes programmes, HttpContext http, CancellationToken cancellationToken)
    {
        var stage = request.PathStage ?? throw ApiException.InvalidField("path_stage", "path_stage is registered, role_certified or capability_differentiated.");
        var partner = await programmes.SetPathStageAsync(partnerId, stage, http.Request.RequireIfMatchVersion(), caller.RequireUserGuid(), cancellationToken);
        http.Response.SetETag(ETags.FromVersion(partner.Version));
        return TypedResults.Ok(PartnerView.From(partner));
    }

    public static async Task<Ok<PartnerView>> GrantTagAsync(
        Guid partnerId, GrantTagRequest request, CurrentCaller caller, PartnerProgrammes programmes, CancellationToken cancellationToken)
    {
        var tag = Rules.Clean(request.Tag)?.ToLowerInvariant();
        if (tag is null || !TagPattern().IsMatch(tag))
        {
            throw ApiException.InvalidField("tag", "tag is 1–64 lower-case letters, digits, '_' or '-'.");
        }

        return TypedResults.Ok(PartnerView.From(await programmes.GrantCapabilityTagAsync(partnerId, tag, caller.RequireUserGuid(), cancellationToken)));
    }

    public static async Task<Ok<PartnerView>> GrantProgrammeAsync(
        Guid partnerId, GrantProgrammeRequest request, CurrentCaller caller, PartnerProgrammes programmes, CancellationToken cancellationToken)
    {
        var programme = request.Programme ?? throw ApiException.InvalidField("programme", "programme is required.");
        return TypedResults.Ok(PartnerView.From(await programmes.JoinAsync(partnerId, programme, request.ExpiresAt, caller.RequireUserGuid(), byVendor: true, cancellationToken)));
    }

    public static async Task<Ok<PartnerView>> ExpireProgrammeAsync(
        Guid partnerId, string programme, CurrentCaller caller, PartnerProgrammes programmes, CancellationToken cancellationToken)
    {
        var which = SnakeCaseEnum.ParseOptional<Programme>(programme, "programme")!.Value;
        return TypedResults.Ok(PartnerView.From(await programmes.ExpireAsync(partnerId, which, caller.RequireUserGuid(), cancellationToken)));
    }

    public static async Task<Ok<PagedResponse<CertificationView>>> ListCertificationsAsync(
        PageRequest page, IdentityDbContext db, string? status, CancellationToken cancellationToken)
    {
        var wanted = SnakeCaseEnum.ParseOptional<BusinessCertificationStatus>(status, "status") ?? BusinessCertificationStatus.PendingReview;
        var query = db.BusinessCertifications.AsNoTracking().Where(c => c.Status == wanted);
        var total = await query.CountAsync(cancellationToken);
        var items = await query.OrderBy(c => c.SubmittedAt).ThenBy(c => c.PartnerId).Page(page).ToListAsync(cancellationToken);
        return TypedResults.Ok(new PagedResponse<CertificationView>("business_certifications", total, [.. items.Select(CertificationView.From)]));
    }

    public static async Task<Ok<CertificationView>> ReviewAsync(
        Guid partnerId, bool approve, ReviewRequest? request, CurrentCaller caller, BusinessCertifications certifications, CancellationToken cancellationToken)
    {
        var note = Rules.Clean(request?.Note);
        if (note is { Length: > 500 } || (!approve && note is null))
        {
            throw ApiException.InvalidField("note", "A rejection needs a note; notes are at most 500 characters.");
        }

        return TypedResults.Ok(CertificationView.From(await certifications.ReviewAsync(partnerId, approve, note, caller.RequireUserGuid(), cancellationToken)));
    }

    public static async Task<NoContent> RecordSupplierAsync(
        RecordSupplierRequest request, CurrentCaller caller, IdentityDbContext db, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        var taxId = Rules.Clean(request.TaxId);
        var account = Rules.Clean(request.BankAccountNumber);
        if (taxId is not { Length: <= 64 } || account is not { Length: <= 64 })
        {
            throw ApiException.Validation(new Dictionary<string, string[]>
            {
                [taxId is not { Length: <= 64 } ? "tax_id" : "bank_account_number"] = ["tax_id and bank_account_number are required, at most 64 characters."],
            });
        }

        var record = await db.SupplierRecords.SingleOrDefaultAsync(s => s.TaxId == taxId, cancellationToken);
        if (record is null)
        {
            record = new SupplierRecord { TaxId = taxId, BankAccountNumber = account };
            db.SupplierRecords.Add(record);
        }

        record.BankAccountNumber = account;
        record.RecordedAt = timeProvider.Now();
        record.RecordedBy = caller.RequireUserGuid();
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    public static async Task<Created<StaffView>> CreateStaffAsync(
        CreateStaffRequest request, CurrentCaller caller, UserManager<Account> users, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        _ = cancellationToken;
        var userName = Rules.Clean(request.UserName);
        var role = request.VendorRole ?? throw ApiException.InvalidField("vendor_role", "vendor_role is required.");
        if (!Rules.IsValidAccountName(userName))
        {
            throw new ApiException(IdentityErrors.InvalidAccountName, null, new Dictionary<string, string[]> { ["user_name"] = [IdentityErrors.InvalidAccountName.Message] });
        }

        if (!Rules.IsValidPassword(request.Password, userName, null))
        {
            throw new ApiException(IdentityErrors.InvalidPassword, null, new Dictionary<string, string[]> { ["password"] = [IdentityErrors.InvalidPassword.Message] });
        }

        var region = Rules.Clean(request.Region);
        if (region is not null && !Rules.IsValidRegion(region))
        {
            throw ApiException.InvalidField("region", "region is a lower-case region code of at most 32 characters.");
        }

        var now = timeProvider.Now();
        var account = new Account
        {
            Id = Guid.CreateVersion7(now),
            UserName = userName,
            Kind = AccountKind.VendorStaff,
            VendorRole = role,
            Region = region,
            DisplayName = Rules.Clean(request.DisplayName),
            CreatedAt = now,
            CreatedBy = caller.RequireUserGuid(),
        };
        try
        {
            (await users.CreateAsync(account, request.Password!)).ThrowIfFailed();
        }
        catch (DbUpdateException ex) when (ex.IsUniqueViolation())
        {
            throw new ApiException(IdentityErrors.AccountNameExists);
        }

        return TypedResults.Created($"/v2/vendor/partners/staff/{account.Id}", new StaffView(account.Id, userName!, role, region));
    }

    [GeneratedRegex("^[a-z0-9_-]{1,64}$")]
    private static partial Regex TagPattern();

    public sealed record SetPathStageRequest(PathStage? PathStage = null);

    public sealed record GrantTagRequest(string? Tag = null);

    public sealed record GrantProgrammeRequest(Programme? Programme = null, DateTimeOffset? ExpiresAt = null);

    public sealed record ReviewRequest(string? Note = null);

    public sealed record RecordSupplierRequest(string? TaxId = null, string? BankAccountNumber = null);

    public sealed record CreateStaffRequest(string? UserName = null, string? Password = null, VendorRole? VendorRole = null, string? DisplayName = null, string? Region = null);

    public sealed record StaffView(Guid UserId, string UserName, VendorRole VendorRole, string? Region);
}

using Identity.Api.Data;
using Identity.Api.Domain;
using Identity.Api.Infrastructure.Accounts;
using Identity.Api.Application;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using PartnerPlatform.Contracts.Identity;
using PartnerPlatform.Messaging.Outbox;
using PartnerPlatform.ServiceDefaults;

namespace Identity.Api.Apis;

/// <summary>A partner's own profile: registration, programmes, co-expansion plan, business certification.</summary>
public static class PartnerProfileApi
{
    public const string DefaultRegion = "cn";

    public static IEndpointRouteBuilder MapPartnerProfileApi(this IEndpointRouteBuilder app)
    {
        var profile = app.MapGroup("/v2/partners/profile").WithTags("Partner profile");

        profile.MapPost("/register", RegisterAsync)
            .WithName("RegisterPartner")
            .WithSummary("Register an enterprise as a partner with its main account")
            .AllowAnonymous()
            .WithRateLimit();
        profile.MapGet("/", GetAsync)
            .WithName("GetPartnerProfile")
            .WithSummary("The caller's partner profile")
            .RequirePartner();
        profile.MapPost("/programmes", JoinProgrammeAsync)
            .WithName("JoinProgramme")
            .WithSummary("Join solution_provider, cloud_reseller or gov_subsidy (distributor is granted by vendor staff)")
            .RequirePermission(PermissionItems.PartnerManage);
        profile.MapPost("/co-expansion-plan", JoinCoExpansionPlanAsync)
            .WithName("JoinCoExpansionPlan")
            .WithSummary("Join the co-expansion plan (PCE) after accepting its conditions; no approval needed")
            .RequirePermission(PermissionItems.PartnerManage);
        profile.MapGet("/business-certification", GetCertificationAsync)
            .WithName("GetBusinessCertification")
            .WithSummary("The state of the business-information certification")
            .RequirePartner();
        profile.MapPost("/business-certification", SubmitCertificationAsync)
            .WithName("SubmitBusinessCertification")
            .WithSummary("Submit bank and tax information; a conflict with the vendor's supplier record asks for a bank letter")
            .RequirePermission(PermissionItems.PartnerManage);
        profile.MapPost("/business-certification/bank-letter", SubmitBankLetterAsync)
            .WithName("SubmitBankLetter")
            .WithSummary("Hand in the bank letter for manual review (5 working days)")
            .RequirePermission(PermissionItems.PartnerManage);
        return app;
    }

    public static async Task<Created<PartnerView>> RegisterAsync(
        RegisterPartnerRequest request, IdentityDbContext db, UserManager<Account> users, IOutbox outbox, TimeProvider timeProvider)
    {
        var now = timeProvider.Now();
        var partner = await RegisterPartnerAsync(request, Guid.CreateVersion7(now), Guid.CreateVersion7(now), db, users, outbox, now);
        return TypedResults.Created($"/v2/partners/profile", PartnerView.From(partner));
    }

    /// <summary>
    /// Registers a partner and its main account under the given ids with every rule of the public
    /// registration (the demo data registers its partners under well-known ids through here).
    /// </summary>
    public static async Task<Partner> RegisterPartnerAsync(
        RegisterPartnerRequest request, Guid partnerId, Guid accountId, IdentityDbContext db, UserManager<Account> users, IOutbox outbox, DateTimeOffset now)
    {
        var userName = Rules.Clean(request.UserName);
        var companyName = Rules.Clean(request.CompanyName);
        var email = Rules.Clean(request.Email);
        var mobile = Rules.Clean(request.MobilePhone);
        var region = Rules.Clean(request.Region) ?? DefaultRegion;
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (companyName is not { Length: <= 200 })
        {
            errors["company_name"] = ["company_name is required, at most 200 characters."];
        }

        if (!Rules.IsValidEmail(email))
        {
            errors["email"] = ["email must be a valid email address."];
        }

        if (!Rules.IsValidRegion(region))
        {
            errors["region"] = ["region is a lower-case region code of at most 32 characters."];
        }

        if (errors.Count > 0)
        {
            throw ApiException.Validation(errors);
        }

        if (!Rules.IsValidAccountName(userName))
        {
            throw new ApiException(IdentityErrors.InvalidAccountName, null, FieldError("user_name", IdentityErrors.InvalidAccountName.Message));
        }

        if (mobile is not null && !Rules.IsValidMobile(mobile))
        {
            throw new ApiException(IdentityErrors.InvalidMobile, null, FieldError("mobile_phone", IdentityErrors.InvalidMobile.Message));
        }

        if (!Rules.IsValidPassword(request.Password, userName, mobile))
        {
            throw new ApiException(IdentityErrors.InvalidPassword, null, FieldError("password", IdentityErrors.InvalidPassword.Message));
        }

        var partner = new Partner
        {
            Id = partnerId,
            CompanyName = companyName!,
            Email = email!,
            MobilePhone = mobile,
            Region = region,
            CreatedAt = now,
            UpdatedAt = now,
        };
        var account = new Account
        {
            Id = accountId,
            UserName = userName,
            Email = email,
            PhoneNumber = mobile,
            Kind = AccountKind.PartnerAdmin,
            PartnerId = partner.Id,
            DisplayName = companyName,
            CreatedAt = now,
        };
        db.Partners.Add(partner);
        outbox.Add(new PartnerRegistered(partner.Id, partner.CompanyName, partner.Region, now));
        try
        {
            // One SaveChanges inside CreateAsync commits the partner, the account and the event together.
            (await users.CreateAsync(account, request.Password!)).ThrowIfFailed();
        }
        catch (DbUpdateException ex) when (ex.IsUniqueViolation())
        {
            throw new ApiException(IdentityErrors.AccountNameExists);
        }

        return partner;
    }

    public static async Task<Ok<PartnerView>> GetAsync(CurrentCaller caller, IdentityDbContext db, CancellationToken cancellationToken)
    {
        var partner = await db.LoadPartnerAsync(caller.RequirePartnerGuid(), cancellationToken);
        return TypedResults.Ok(PartnerView.From(partner));
    }

    public static async Task<Ok<PartnerView>> JoinProgrammeAsync(
        JoinProgrammeRequest request, CurrentCaller caller, PartnerProgrammes programmes, CancellationToken cancellationToken)
    {
        var programme = request.Programme ?? throw ApiException.InvalidField("programme", "programme is solution_provider, cloud_reseller or gov_subsidy.");
        var partner = await programmes.JoinAsync(caller.RequirePartnerGuid(), programme, expiresAt: null, caller.RequireUserGuid(), byVendor: false, cancellationToken);
        return TypedResults.Ok(PartnerView.From(partner));
    }

    public static async Task<Ok<PartnerView>> JoinCoExpansionPlanAsync(
        JoinCoExpansionPlanRequest request, CurrentCaller caller, PartnerProgrammes programmes, CancellationToken cancellationToken)
    {
        if (request.AcceptConditions != true)
        {
            throw ApiException.InvalidField("accept_conditions", "The plan's conditions must be accepted (accept_conditions: true).");
        }

        return TypedResults.Ok(PartnerView.From(await programmes.JoinCoExpansionPlanAsync(caller.RequirePartnerGuid(), caller.RequireUserGuid(), cancellationToken)));
    }

    public static async Task<Ok<CertificationView>> GetCertificationAsync(CurrentCaller caller, IdentityDbContext db, CancellationToken cancellationToken)
    {
        var partnerId = caller.RequirePartnerGuid();
        var certification = await db.BusinessCertifications.AsNoTracking().SingleOrDefaultAsync(c => c.PartnerId == partnerId, cancellationToken)
            ?? throw ApiException.NotFound("No business information was submitted yet.");
        return TypedResults.Ok(CertificationView.From(certification));
    }

    public static async Task<Ok<CertificationView>> SubmitCertificationAsync(
        SubmitCertificationRequest request, CurrentCaller caller, BusinessCertifications certifications, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        string Require(string? value, string field, int max)
        {
            var clean = Rules.Clean(value);
            if (clean is not { Length: > 0 } || clean.Length > max)
            {
                errors[field] = [$"{field} is required, at most {max} characters."];
            }

            return clean ?? "";
        }

        var submission = new BusinessCertifications.Submission(
            Require(request.BankName, "bank_name", 200),
            Require(request.BankAccountName, "bank_account_name", 200),
            Require(request.BankAccountNumber, "bank_account_number", 64),
            Require(request.TaxId, "tax_id", 64));
        if (errors.Count > 0)
        {
            throw ApiException.Validation(errors);
        }

        return TypedResults.Ok(CertificationView.From(await certifications.SubmitAsync(caller.RequirePartnerGuid(), submission, cancellationToken)));
    }

    public static async Task<Ok<CertificationView>> SubmitBankLetterAsync(
        SubmitBankLetterRequest request, CurrentCaller caller, BusinessCertifications certifications, CancellationToken cancellationToken)
    {
        var reference = Rules.Clean(request.DocumentReference);
        if (reference is not { Length: <= 500 })
        {
            throw ApiException.InvalidField("document_reference", "document_reference (where the bank letter was uploaded) is required, at most 500 characters.");
        }

        return TypedResults.Ok(CertificationView.From(await certifications.SubmitBankLetterAsync(caller.RequirePartnerGuid(), reference, cancellationToken)));
    }

    internal static Dictionary<string, string[]> FieldError(string field, string message) => new(StringComparer.Ordinal) { [field] = [message] };

    public sealed record JoinProgrammeRequest(Programme? Programme = null);

    public sealed record JoinCoExpansionPlanRequest(bool? AcceptConditions = null);

    public sealed record SubmitCertificationRequest(string? BankName = null, string? BankAccountName = null, string? BankAccountNumber = null, string? TaxId = null);

    public sealed record SubmitBankLetterRequest(string? DocumentReference = null);

    public sealed record RegisterPartnerRequest(string? UserName = null, string? Password = null, string? CompanyName = null, string? Email = null, string? MobilePhone = null, string? Region = null);
}

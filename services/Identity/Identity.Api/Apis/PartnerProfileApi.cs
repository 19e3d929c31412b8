using Identity.Api.Data;
using Identity.Api.Domain;
using Identity.Api.Infrastructure.Accounts;
using Identity.Api.Infrastructure;
using Identity.Api.Infrastructure.Data;
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
        return app;
    }

    public static async Task<Created<PartnerView>> RegisterAsync(
        RegisterPartnerRequest request, IdentityServiceDbContext db, UserManager<Account> users, IOutbox outbox, TimeProvider timeProvider)
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

        var now = timeProvider.GetUtcNow();
        var partner = new Partner
        {
            Id = Guid.CreateVersion7(now),
            CompanyName = companyName!,
            Email = email!,
            MobilePhone = mobile,
            Region = region,
            CreatedAt = now,
            UpdatedAt = now,
        };
        var account = new Account
        {
            Id = Guid.CreateVersion7(now),
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

        return TypedResults.Created($"/v2/partners/profile", PartnerView.From(partner));
    }

    public static async Task<Ok<PartnerView>> GetAsync(CurrentCaller caller, IdentityServiceDbContext db, CancellationToken cancellationToken)
    {
        var partner = await db.LoadPartnerAsync(caller.PartnerGuid(), cancellationToken);
        return TypedResults.Ok(PartnerView.From(partner));
    }

    internal static Dictionary<string, string[]> FieldError(string field, string message) => new(StringComparer.Ordinal) { [field] = [message] };

    public sealed record RegisterPartnerRequest(string? UserName = null, string? Password = null, string? CompanyName = null, string? Email = null, string? MobilePhone = null, string? Region = null);
}

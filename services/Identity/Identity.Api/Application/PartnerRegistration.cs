using Identity.Api.Data;
using Identity.Api.Domain;
using Identity.Api.Infrastructure.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using PartnerPlatform.Contracts.Identity;
using PartnerPlatform.Messaging.Outbox;
using PartnerPlatform.ServiceDefaults;

namespace Identity.Api.Application;

/// <summary>The public partner registration: a partner (the tenant) and its main account, in one commit with <see cref="PartnerRegistered"/>.</summary>
public sealed class PartnerRegistration(IdentityDbContext db, UserManager<Account> users, IOutbox outbox, TimeProvider timeProvider)
{
    public const string DefaultRegion = "cn";

    public sealed record NewPartner(string? UserName, string? Password, string? CompanyName, string? Email, string? MobilePhone, string? Region);

    public Task<Partner> RegisterAsync(NewPartner request)
    {
        var now = timeProvider.Now();
        return RegisterAsync(request, Guid.CreateVersion7(now), Guid.CreateVersion7(now));
    }

    /// <summary>
    /// Registers a partner and its main account under the given ids with every rule of the public
    /// registration (the demo data registers its partners under well-known ids through here).
    /// </summary>
    public async Task<Partner> RegisterAsync(NewPartner request, Guid partnerId, Guid accountId)
    {
        var now = timeProvider.Now();
        var userName = Rules.Clean(request.UserName);
        var companyName = Rules.Clean(request.CompanyName);
        var email = Rules.Clean(request.Email);
        var mobile = Rules.Clean(request.MobilePhone);
        var region = Rules.Clean(request.Region) ?? DefaultRegion;
        new FieldValidation()
            .Check(companyName is { Length: <= 200 }, "company_name", "company_name is required, at most 200 characters.")
            .Check(Rules.IsValidEmail(email), "email", "email must be a valid email address.")
            .Check(Rules.IsValidRegion(region), "region", "region is a lower-case region code of at most 32 characters.")
            .ThrowIfAny();
        if (!Rules.IsValidAccountName(userName))
        {
            throw FieldValidation.Refuse(IdentityErrors.InvalidAccountName, "user_name");
        }

        if (mobile is not null && !Rules.IsValidMobile(mobile))
        {
            throw FieldValidation.Refuse(IdentityErrors.InvalidMobile, "mobile_phone");
        }

        if (!Rules.IsValidPassword(request.Password, userName, mobile))
        {
            throw FieldValidation.Refuse(IdentityErrors.InvalidPassword, "password");
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
}

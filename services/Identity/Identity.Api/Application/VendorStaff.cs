using Identity.Api.Domain;
using Identity.Api.Infrastructure.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using PartnerPlatform.ServiceDefaults;

namespace Identity.Api.Application;

/// <summary>Vendor staff accounts, created by the vendor administrator with one role each.</summary>
public sealed class VendorStaff(UserManager<Account> users, TimeProvider timeProvider)
{
    public sealed record NewStaff(string? UserName, string? Password, VendorRole? VendorRole, string? DisplayName, string? Region);

    public async Task<Account> CreateAsync(Guid createdBy, NewStaff request)
    {
        var userName = Rules.Clean(request.UserName);
        var role = request.VendorRole ?? throw FieldValidation.Invalid("vendor_role", "vendor_role is required.");
        if (!Rules.IsValidAccountName(userName))
        {
            throw FieldValidation.Refuse(IdentityErrors.InvalidAccountName, "user_name");
        }

        if (!Rules.IsValidPassword(request.Password, userName, null))
        {
            throw FieldValidation.Refuse(IdentityErrors.InvalidPassword, "password");
        }

        var region = Rules.Clean(request.Region);
        if (region is not null && !Rules.IsValidRegion(region))
        {
            throw FieldValidation.Invalid("region", "region is a lower-case region code of at most 32 characters.");
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
            CreatedBy = createdBy,
        };
        try
        {
            (await users.CreateAsync(account, request.Password!)).ThrowIfFailed();
        }
        catch (DbUpdateException ex) when (ex.IsUniqueViolation())
        {
            throw new ApiException(IdentityErrors.AccountNameExists);
        }

        return account;
    }
}

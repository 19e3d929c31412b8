using Identity.Api.Domain;
using Identity.Api.Infrastructure.Accounts;
using Identity.Api.Infrastructure.Tokens;
using Microsoft.AspNetCore.Identity;
using PartnerPlatform.ServiceDefaults;

namespace Identity.Api.Application;

/// <summary>Sign-in with lockout, refresh with freshly read claims, and password changes (which revoke refresh tokens).</summary>
public sealed class SignIn(UserManager<Account> users, AccountPrincipalFactory principals, TokenIssuer tokens, TimeProvider timeProvider)
{
    public sealed record Credentials(string? Username, string? Password);

    public async Task<TokenResponse> LoginAsync(Credentials credentials, CancellationToken cancellationToken)
    {
        var userName = Rules.Clean(credentials.Username);
        if (userName is null || string.IsNullOrEmpty(credentials.Password))
        {
            throw FieldValidation.Invalid(userName is null ? "username" : "password", "The user name and password are required.");
        }

        var account = await users.FindByNameAsync(userName) ?? throw new ApiException(IdentityErrors.InvalidCredentials);
        if (await users.IsLockedOutAsync(account))
        {
            throw new ApiException(IdentityErrors.AccountLockedOut);
        }

        if (!await users.CheckPasswordAsync(account, credentials.Password))
        {
            await users.AccessFailedAsync(account);
            throw new ApiException(await users.IsLockedOutAsync(account) ? IdentityErrors.AccountLockedOut : IdentityErrors.InvalidCredentials);
        }

        await users.ResetAccessFailedCountAsync(account);
        return await tokens.IssueAsync(await principals.CreateAsync(account, cancellationToken), await users.GetSecurityStampAsync(account), cancellationToken);
    }

    public async Task<TokenResponse> RefreshAsync(string? refreshToken, CancellationToken cancellationToken)
    {
        var ticket = string.IsNullOrEmpty(refreshToken) ? null : await tokens.ReadRefreshTokenAsync(refreshToken, cancellationToken);
        var account = ticket is null ? null : await users.FindByIdAsync(ticket.AccountId.ToString());
        if (ticket is null || account is null || await users.GetSecurityStampAsync(account) != ticket.SecurityStamp)
        {
            throw new ApiException(IdentityErrors.InvalidRefreshToken);
        }

        if (await users.IsLockedOutAsync(account))
        {
            throw new ApiException(IdentityErrors.AccountLockedOut);
        }

        return await tokens.IssueAsync(await principals.CreateAsync(account, cancellationToken), ticket.SecurityStamp, cancellationToken);
    }

    public async Task ChangePasswordAsync(CurrentCaller caller, string? currentPassword, string? newPassword)
    {
        if (string.IsNullOrEmpty(currentPassword) || string.IsNullOrEmpty(newPassword))
        {
            throw FieldValidation.Invalid(string.IsNullOrEmpty(currentPassword) ? "current_password" : "new_password", "The current and the new password are required.");
        }

        var account = await users.FindByIdAsync(caller.GetUserGuid().ToString()) ?? throw new ApiException(ErrorCodes.Unauthenticated);
        (await users.ChangePasswordAsync(account, currentPassword, newPassword)).ThrowIfFailed();
        account.PasswordChangedAt = timeProvider.Now();
        (await users.UpdateAsync(account)).ThrowIfFailed();
    }
}

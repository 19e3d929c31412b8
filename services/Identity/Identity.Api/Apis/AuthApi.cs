using Identity.Api.Domain;
using Identity.Api.Infrastructure.Accounts;
using Identity.Api.Infrastructure.Tokens;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using PartnerPlatform.ServiceDefaults;

namespace Identity.Api.Apis;

/// <summary>Sign-in, token refresh, password change and the caller's own view.</summary>
public static class AuthApi
{
    public static IEndpointRouteBuilder MapAuthApi(this IEndpointRouteBuilder app)
    {
        var auth = app.MapGroup("/v2/auth").WithTags("Auth");

        auth.MapPost("/login", LoginAsync)
            .WithName("Login")
            .WithSummary("Sign in with user name and password; answers an access token and a refresh token")
            .AllowAnonymous()
            .WithRateLimit();
        auth.MapPost("/refresh", RefreshAsync)
            .WithName("RefreshToken")
            .WithSummary("Exchange a refresh token for new tokens")
            .AllowAnonymous()
            .WithRateLimit();
        auth.MapPost("/password", ChangePasswordAsync)
            .WithName("ChangePassword")
            .WithSummary("Change the caller's own password; revokes its refresh tokens");
        auth.MapGet("/me", GetMe)
            .WithName("GetCurrentCaller")
            .WithSummary("The claims of the caller's token");
        return app;
    }

    public static async Task<Ok<TokenResponse>> LoginAsync(
        LoginRequest request, UserManager<Account> users, AccountPrincipalFactory principals, TokenIssuer tokens, CancellationToken cancellationToken)
    {
        var userName = Rules.Clean(request.Username);
        if (userName is null || string.IsNullOrEmpty(request.Password))
        {
            throw ApiException.Validation(new Dictionary<string, string[]>
            {
                [userName is null ? "username" : "password"] = ["The user name and password are required."],
            });
        }

        var account = await users.FindByNameAsync(userName) ?? throw new ApiException(IdentityErrors.InvalidCredentials);
        if (await users.IsLockedOutAsync(account))
        {
            throw new ApiException(IdentityErrors.AccountLockedOut);
        }

        if (!await users.CheckPasswordAsync(account, request.Password))
        {
            await users.AccessFailedAsync(account);
            throw new ApiException(await users.IsLockedOutAsync(account) ? IdentityErrors.AccountLockedOut : IdentityErrors.InvalidCredentials);
        }

        await users.ResetAccessFailedCountAsync(account);
        return TypedResults.Ok(await tokens.IssueAsync(
            await principals.CreateAsync(account, cancellationToken), await users.GetSecurityStampAsync(account), cancellationToken));
    }

    public static async Task<Ok<TokenResponse>> RefreshAsync(
        RefreshRequest request, UserManager<Account> users, AccountPrincipalFactory principals, TokenIssuer tokens, CancellationToken cancellationToken)
    {
        var ticket = string.IsNullOrEmpty(request.RefreshToken) ? null : await tokens.ReadRefreshTokenAsync(request.RefreshToken, cancellationToken);
        var account = ticket is null ? null : await users.FindByIdAsync(ticket.AccountId.ToString());
        if (ticket is null || account is null || await users.GetSecurityStampAsync(account) != ticket.SecurityStamp)
        {
            throw new ApiException(IdentityErrors.InvalidRefreshToken);
        }

        if (await users.IsLockedOutAsync(account))
        {
            throw new ApiException(IdentityErrors.AccountLockedOut);
        }

        return TypedResults.Ok(await tokens.IssueAsync(await principals.CreateAsync(account, cancellationToken), ticket.SecurityStamp, cancellationToken));
    }

    public static async Task<NoContent> ChangePasswordAsync(
        ChangePasswordRequest request, CurrentCaller caller, UserManager<Account> users, TimeProvider timeProvider)
    {
        if (string.IsNullOrEmpty(request.CurrentPassword) || string.IsNullOrEmpty(request.NewPassword))
        {
            throw ApiException.Validation(new Dictionary<string, string[]>
            {
                [string.IsNullOrEmpty(request.CurrentPassword) ? "current_password" : "new_password"] = ["The current and the new password are required."],
            });
        }

        var account = await users.FindByIdAsync(caller.UserId!) ?? throw new ApiException(ErrorCodes.Unauthenticated);
        (await users.ChangePasswordAsync(account, request.CurrentPassword, request.NewPassword)).ThrowIfFailed();
        account.PasswordChangedAt = timeProvider.Now();
        (await users.UpdateAsync(account)).ThrowIfFailed();
        return TypedResults.NoContent();
    }

    public static Ok<CallerView> GetMe(CurrentCaller caller) => TypedResults.Ok(new CallerView(
        caller.UserId!,
        caller.PartnerId,
        [.. caller.Programmes.Order(StringComparer.Ordinal)],
        [.. caller.Permissions.Order(StringComparer.Ordinal)],
        caller.VendorRole,
        caller.CustomerId,
        caller.Region));

    public sealed record LoginRequest(string? Username = null, string? Password = null);

    public sealed record RefreshRequest(string? RefreshToken = null);

    public sealed record ChangePasswordRequest(string? CurrentPassword = null, string? NewPassword = null);

    public sealed record CallerView(
        string UserId, string? PartnerId, IReadOnlyList<string> Programmes, IReadOnlyList<string> Permissions,
        string? VendorRole, string? CustomerId, string? Region);
}

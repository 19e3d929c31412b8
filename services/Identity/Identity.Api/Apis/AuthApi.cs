using Identity.Api.Application;
using Identity.Api.Infrastructure.Tokens;
using Microsoft.AspNetCore.Http.HttpResults;
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
            .ProducesErrorCodes(IdentityErrors.InvalidCredentials, IdentityErrors.AccountLockedOut)
            .WithSummary("Sign in with user name and password; answers an access token and a refresh token")
            .AllowAnonymous()
            .WithRateLimit();
        auth.MapPost("/refresh", RefreshAsync)
            .WithName("RefreshToken")
            .ProducesErrorCodes(IdentityErrors.InvalidRefreshToken, IdentityErrors.AccountLockedOut)
            .WithSummary("Exchange a refresh token for new tokens")
            .AllowAnonymous()
            .WithRateLimit();
        auth.MapPost("/password", ChangePasswordAsync)
            .WithName("ChangePassword")
            .ProducesErrorCodes(IdentityErrors.WrongCurrentPassword, IdentityErrors.InvalidPassword)
            .WithSummary("Change the caller's own password; revokes its refresh tokens");
        auth.MapGet("/me", GetMe)
            .WithName("GetCurrentCaller")
            .WithSummary("The claims of the caller's token");
        return app;
    }

    public static async Task<Ok<TokenResponse>> LoginAsync(LoginRequest request, SignIn signIn, CancellationToken cancellationToken) =>
        TypedResults.Ok(await signIn.LoginAsync(new SignIn.Credentials(request.Username, request.Password), cancellationToken));

    public static async Task<Ok<TokenResponse>> RefreshAsync(RefreshRequest request, SignIn signIn, CancellationToken cancellationToken) =>
        TypedResults.Ok(await signIn.RefreshAsync(request.RefreshToken, cancellationToken));

    public static Task<NoContent> ChangePasswordAsync(ChangePasswordRequest request, CurrentCaller caller, SignIn signIn) =>
        signIn.ChangePasswordAsync(caller, request.CurrentPassword, request.NewPassword).ThenNoContent();

    public static Ok<CallerView> GetMe(CurrentCaller caller) => TypedResults.Ok(new CallerView(
        caller.UserId!,
        caller.PartnerId,
        [.. caller.Programmes.Order(StringComparer.Ordinal)],
        [.. caller.Permissions.Order(StringComparer.Ordinal)],
        caller.VendorRole,
        caller.CustomerId,
        caller.Region));
}

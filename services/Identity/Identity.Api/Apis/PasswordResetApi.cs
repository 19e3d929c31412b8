using Identity.Api.Application;
using Microsoft.AspNetCore.Http.HttpResults;
using PartnerPlatform.ServiceDefaults;

namespace Identity.Api.Apis;

/// <summary>Forgot password (忘记密码): anonymous, rate limited, answering alike whether the account exists (ADR 0041).</summary>
public static class PasswordResetApi
{
    public static IEndpointRouteBuilder MapPasswordResetApi(this IEndpointRouteBuilder app)
    {
        var resets = app.MapGroup("/v2/auth/password-resets").WithTags("Auth").AllowAnonymous();

        resets.MapPost("/", RequestAsync)
            .WithName("RequestPasswordReset")
            .WithSummary("Send a password-reset code to the account's email or mobile; answers 202 alike whether the account exists")
            .WithRateLimit()
            .ProducesErrorCodes(IdentityErrors.VerificationSendLimit, IdentityErrors.InvalidMobile);
        resets.MapPost("/confirm", ConfirmAsync)
            .WithName("ConfirmPasswordReset")
            .WithSummary("Set a new password with the code; revokes every refresh token of the account. Several accounts on one mobile or email: 409 asks for user_name")
            .WithRateLimit()
            .ProducesErrorCodes(
                IdentityErrors.VerificationCodeExpired,
                IdentityErrors.VerificationCodeDead,
                IdentityErrors.VerificationCodeWrong,
                IdentityErrors.InvalidPassword,
                IdentityErrors.InvalidMobile,
                IdentityErrors.AccountChoiceRequired);
        return app;
    }

    public static async Task<Accepted<PasswordResetRequestedResponse>> RequestAsync(
        PasswordResetRequest request, PasswordResets resets, CancellationToken cancellationToken) =>
        TypedResults.Accepted((string?)null, new PasswordResetRequestedResponse(await resets.RequestAsync(request.ToAccountName(), request.Lang, cancellationToken)));

    public static async Task<NoContent> ConfirmAsync(
        PasswordResetConfirmRequest request, PasswordResets resets, HttpContext http, CancellationToken cancellationToken)
    {
        await resets.ConfirmAsync(request.ToConfirmation(http.Connection.RemoteIpAddress?.ToString()), cancellationToken);
        return TypedResults.NoContent();
    }
}

/// <summary>
/// Name the account by <c>user_name</c>, or by <c>email</c> or <c>mobile_phone</c> (<c>0086-13800138000</c>);
/// with email or mobile, <c>user_name</c> is the account chosen among several.
/// </summary>
public sealed record PasswordResetRequest(string? UserName = null, string? Email = null, string? MobilePhone = null, string? Lang = null)
{
    public PasswordResets.AccountName ToAccountName() => new(UserName, Email, MobilePhone);
}

/// <summary><c>timeout</c>: minutes the code is valid (when one was sent).</summary>
public sealed record PasswordResetRequestedResponse(int Timeout);

public sealed record PasswordResetConfirmRequest(
    string? UserName = null, string? Email = null, string? MobilePhone = null, string? VerificationCode = null, string? NewPassword = null)
{
    public PasswordResets.Confirmation ToConfirmation(string? clientAddress) =>
        new(new PasswordResets.AccountName(UserName, Email, MobilePhone), VerificationCode, NewPassword, clientAddress);
}

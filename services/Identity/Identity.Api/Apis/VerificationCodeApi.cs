using Identity.Api.Application;
using Microsoft.AspNetCore.Http.HttpResults;
using PartnerPlatform.ServiceDefaults;

namespace Identity.Api.Apis;

/// <summary>The seed's "send verification code" API, used before creating a customer with a mobile number.</summary>
public static class VerificationCodeApi
{
    public static IEndpointRouteBuilder MapVerificationCodeApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/v2/bases/verificationcode/send", SendAsync)
            .WithTags("Verification codes")
            .WithName("SendVerificationCode")
            .ProducesErrorCodes(IdentityErrors.InvalidMobile, IdentityErrors.VerificationSendLimit)
            .WithSummary("Send a six-digit verification code by SMS (receiver_type 1) or email (2); at most 15 per hour and 60 per day per receiver")
            .RequirePartner()
            .WithRateLimit();
        return app;
    }

    public static async Task<Ok<SendCodeResponse>> SendAsync(SendCodeRequest request, VerificationCodes codes, CancellationToken cancellationToken) =>
        TypedResults.Ok(new SendCodeResponse(await codes.SendAsync(request.ToSendCode(), cancellationToken)));
}

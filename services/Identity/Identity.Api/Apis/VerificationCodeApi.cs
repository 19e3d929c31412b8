using Identity.Api.Domain;
using Identity.Api.Infrastructure.Notifications;
using Identity.Api.Infrastructure.VerificationCodes;
using Microsoft.AspNetCore.Http.HttpResults;
using PartnerPlatform.ServiceDefaults;

namespace Identity.Api.Apis;

/// <summary>The seed's "send verification code" API, used before creating a customer with a mobile number.</summary>
public static class VerificationCodeApi
{
    public static readonly string[] Languages = ["zh-cn", "en-us"];

    public static IEndpointRouteBuilder MapVerificationCodeApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/v2/bases/verificationcode/send", SendAsync)
            .WithTags("Verification codes")
            .WithName("SendVerificationCode")
            .WithSummary("Send a six-digit verification code by SMS (receiver_type 1) or email (2); at most 15 per hour and 60 per day per receiver")
            .RequirePartner()
            .WithRateLimit();
        return app;
    }

    public static async Task<Ok<SendCodeResponse>> SendAsync(SendCodeRequest request, VerificationCodeService codes, CancellationToken cancellationToken)
    {
        var lang = Rules.Clean(request.Lang)?.ToLowerInvariant() ?? "zh-cn";
        if (!Languages.Contains(lang))
        {
            throw ApiException.InvalidField("lang", "lang is zh-cn or en-us.");
        }

        if (request.Timeout is < 1)
        {
            throw new ApiException(ErrorCodes.ParameterOutOfRange, "timeout is a number of minutes, at least 1.",
                new Dictionary<string, string[]> { ["timeout"] = ["timeout is a number of minutes, at least 1."] });
        }

        var (channel, receiver) = request.ReceiverType switch
        {
            1 => (NotificationChannel.Sms, RequireMobile(Rules.Clean(request.MobilePhone))),
            2 => (NotificationChannel.Email, RequireEmail(Rules.Clean(request.Email))),
            _ => throw ApiException.InvalidField("receiver_type", "receiver_type is 1 (SMS) or 2 (email)."),
        };
        var minutes = await codes.SendAsync(channel, receiver, request.Timeout, lang, cancellationToken);
        return TypedResults.Ok(new SendCodeResponse(minutes));
    }

    private static string RequireMobile(string? mobile) =>
        mobile is null
            ? throw ApiException.InvalidField("mobile_phone", "mobile_phone is required for receiver_type 1.")
            : Rules.IsValidMobile(mobile)
                ? mobile
                : throw new ApiException(IdentityErrors.InvalidMobile, null, new Dictionary<string, string[]> { ["mobile_phone"] = [IdentityErrors.InvalidMobile.Message] });

    private static string RequireEmail(string? email) =>
        Rules.IsValidEmail(email) ? email!.ToLowerInvariant() : throw ApiException.InvalidField("email", "email must be a valid email address for receiver_type 2.");

    /// <summary><c>receiver_type</c>: 1 SMS, 2 email. <c>timeout</c>: minutes (default 10; over 60 counts as 5).</summary>
    public sealed record SendCodeRequest(int? ReceiverType = null, string? MobilePhone = null, string? Email = null, int? Timeout = null, string? Lang = null);

    /// <summary>How long the code is valid, in minutes.</summary>
    public sealed record SendCodeResponse(int Timeout);
}

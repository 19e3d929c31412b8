using Identity.Api.Domain;
using Identity.Api.Infrastructure.Notifications;
using Identity.Api.Infrastructure.VerificationCodes;
using PartnerPlatform.ServiceDefaults;

namespace Identity.Api.Application;

/// <summary>Sending a verification code to a mobile number or an email address (limits and storage in <see cref="VerificationCodeService"/>).</summary>
public sealed class VerificationCodes(VerificationCodeService codes)
{
    public static readonly string[] Languages = ["zh-cn", "en-us"];

    /// <summary><c>ReceiverType</c>: 1 SMS, 2 email. <c>Timeout</c>: minutes (default 10; over 60 counts as 5).</summary>
    public sealed record SendCode(int? ReceiverType, string? MobilePhone, string? Email, int? Timeout, string? Lang);

    /// <summary>Sends the code; answers how long it is valid, in minutes.</summary>
    public async Task<int> SendAsync(SendCode request, CancellationToken cancellationToken)
    {
        var lang = Rules.Clean(request.Lang)?.ToLowerInvariant() ?? "zh-cn";
        if (!Languages.Contains(lang))
        {
            throw FieldValidation.Invalid("lang", "lang is zh-cn or en-us.");
        }

        if (request.Timeout is < 1)
        {
            throw FieldValidation.Refuse(ErrorCodes.ParameterOutOfRange, "timeout", "timeout is a number of minutes, at least 1.");
        }

        var (channel, receiver) = request.ReceiverType switch
        {
            1 => (NotificationChannel.Sms, RequireMobile(Rules.Clean(request.MobilePhone))),
            2 => (NotificationChannel.Email, RequireEmail(Rules.Clean(request.Email))),
            _ => throw FieldValidation.Invalid("receiver_type", "receiver_type is 1 (SMS) or 2 (email)."),
        };
        return await codes.SendAsync(channel, receiver, request.Timeout, lang, cancellationToken);
    }

    private static string RequireMobile(string? mobile) =>
        mobile is null
            ? throw FieldValidation.Invalid("mobile_phone", "mobile_phone is required for receiver_type 1.")
            : Rules.IsValidMobile(mobile)
                ? mobile
                : throw FieldValidation.Refuse(IdentityErrors.InvalidMobile, "mobile_phone");

    private static string RequireEmail(string? email) =>
        Rules.IsValidEmail(email) ? email!.ToLowerInvariant() : throw FieldValidation.Invalid("email", "email must be a valid email address for receiver_type 2.");
}

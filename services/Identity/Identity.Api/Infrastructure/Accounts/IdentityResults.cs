using Microsoft.AspNetCore.Identity;
using PartnerPlatform.ServiceDefaults;

namespace Identity.Api.Infrastructure.Accounts;

internal static class IdentityResults
{
    /// <summary>Turns a failed Identity operation into the API's error code.</summary>
    public static void ThrowIfFailed(this IdentityResult result)
    {
        if (result.Succeeded)
        {
            return;
        }

        var codes = result.Errors.Select(e => e.Code).ToHashSet(StringComparer.Ordinal);
        var describer = new IdentityErrorDescriber();
        throw true switch
        {
            _ when codes.Contains(describer.DuplicateUserName("").Code) => new ApiException(IdentityErrors.AccountNameExists),
            _ when codes.Contains(describer.InvalidUserName("").Code) => new ApiException(IdentityErrors.InvalidAccountName),
            _ when codes.Contains(describer.PasswordMismatch().Code) => new ApiException(IdentityErrors.WrongCurrentPassword),
            _ when codes.Contains(PlatformPasswordValidator.ErrorCode) || codes.Any(c => c.StartsWith("Password", StringComparison.Ordinal)) =>
                new ApiException(IdentityErrors.InvalidPassword),
            _ => new ApiException(ErrorCodes.InvalidParameter, string.Join(" ", result.Errors.Select(e => e.Description))),
        };
    }
}

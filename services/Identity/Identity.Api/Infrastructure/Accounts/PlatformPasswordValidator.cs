using Identity.Api.Domain;
using Microsoft.AspNetCore.Identity;

namespace Identity.Api.Infrastructure.Accounts;

/// <summary>The registration API's password rules (<see cref="Rules.IsValidPassword"/>) for every account.</summary>
public sealed class PlatformPasswordValidator : IPasswordValidator<Account>
{
    public const string ErrorCode = "PlatformPasswordRules";

    public Task<IdentityResult> ValidateAsync(UserManager<Account> manager, Account user, string? password) =>
        Task.FromResult(Rules.IsValidPassword(password, user.UserName, user.PhoneNumber)
            ? IdentityResult.Success
            : IdentityResult.Failed(new IdentityError { Code = ErrorCode, Description = IdentityErrors.InvalidPassword.Message }));
}

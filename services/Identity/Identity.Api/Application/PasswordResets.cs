using System.Security.Cryptography;
using Identity.Api.Data;
using Identity.Api.Domain;
using Identity.Api.Infrastructure.Accounts;
using Identity.Api.Infrastructure.Notifications;
using Identity.Api.Infrastructure.VerificationCodes;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using PartnerPlatform.Contracts.Identity;
using PartnerPlatform.Messaging.Outbox;
using PartnerPlatform.ServiceDefaults;

namespace Identity.Api.Application;

/// <summary>
/// Forgot password (忘记密码): a six-digit code to the account's email or mobile, then a new password
/// with the code. The request answers alike whether an account exists or not (ADR 0041): an unknown
/// account gets a code stored for nobody, so the confirm step also behaves alike. A reset replaces the
/// password, clears the lockout, deletes every refresh token and changes the security stamp, and
/// writes an audit row and <see cref="AccountPasswordReset"/> in one commit.
/// </summary>
public sealed class PasswordResets(
    IdentityDbContext db,
    UserManager<Account> users,
    VerificationCodeService codes,
    IOutbox outbox,
    TimeProvider timeProvider,
    ILogger<PasswordResets> logger)
{
    /// <summary>The codes of this flow are kept apart from the registration API's: one is never accepted for the other.</summary>
    public const string CodePurpose = "password-reset";

    /// <summary>The account as the caller names it: by <c>user_name</c>, or by <c>email</c> or <c>mobile_phone</c> with an optional chosen <c>user_name</c>.</summary>
    public sealed record AccountName(string? UserName, string? Email, string? MobilePhone);

    public sealed record Confirmation(AccountName Account, string? VerificationCode, string? NewPassword, string? ClientAddress);

    /// <summary>Sends a code when the account exists and has an address; answers the code's lifetime in minutes either way.</summary>
    public async Task<int> RequestAsync(AccountName name, string? requestedLang, CancellationToken cancellationToken)
    {
        var lang = Rules.Clean(requestedLang)?.ToLowerInvariant() ?? "zh-cn";
        if (!VerificationCodes.Languages.Contains(lang))
        {
            throw FieldValidation.Invalid("lang", "lang is zh-cn or en-us.");
        }

        var target = await ResolveAsync(name, cancellationToken);
        await codes.CountRequestAsync(CodePurpose, target.Subject);
        try
        {
            await codes.SendAsync(target.Channel, target.Receiver, null, lang, cancellationToken, CodePurpose, deliver: target.Candidates.Count > 0);
        }
        catch (ApiException refused) when (refused.Error == IdentityErrors.VerificationSendLimit)
        {
            // The receiver's own limit (codes asked through another identifier): saying so would tell that the account exists.
            logger.LogInformation("Password reset code not sent: the receiver reached its limit.");
        }

        return VerificationCodeService.DefaultLifetimeMinutes;
    }

    public async Task ConfirmAsync(Confirmation confirmation, CancellationToken cancellationToken)
    {
        var code = Rules.Clean(confirmation.VerificationCode);
        var newPassword = confirmation.NewPassword;
        new FieldValidation()
            .Check(code is not null, "verification_code", "verification_code is required.")
            .Check(!string.IsNullOrEmpty(newPassword), "new_password", "new_password is required.")
            .ThrowIfAny();

        var target = await ResolveAsync(confirmation.Account, cancellationToken);
        // Proven but kept: asking for a choice or refusing the password does not cost the caller its code.
        await codes.VerifyAsync(target.Receiver, code!, cancellationToken, CodePurpose, consume: false);
        if (target.Candidates.Count == 0)
        {
            throw new ApiException(IdentityErrors.VerificationCodeWrong);
        }

        var account = AccountChoice.Choose(target.Candidates, target.ChosenUserName);
        foreach (var validator in users.PasswordValidators)
        {
            if (!(await validator.ValidateAsync(users, account, newPassword)).Succeeded)
            {
                throw FieldValidation.Refuse(IdentityErrors.InvalidPassword, "new_password");
            }
        }

        // Consumed atomically: of several confirms with one code, one gets past here.
        await codes.VerifyAsync(target.Receiver, code!, cancellationToken, CodePurpose, consume: true);
        await ResetAsync(account, target, newPassword!, confirmation.ClientAddress, cancellationToken);
    }

    private async Task ResetAsync(Account account, Target target, string newPassword, string? clientAddress, CancellationToken cancellationToken)
    {
        var now = timeProvider.Now();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var revoked = await db.RefreshTokens.Where(t => t.AccountId == account.Id).ExecuteDeleteAsync(cancellationToken);
        account.PasswordHash = users.PasswordHasher.HashPassword(account, newPassword);
        // A new stamp also refuses any refresh token issued between the delete and the commit.
        account.SecurityStamp = Convert.ToHexString(RandomNumberGenerator.GetBytes(20));
        account.AccessFailedCount = 0;
        account.LockoutEnd = null;
        account.PasswordChangedAt = now;
        db.PasswordResets.Add(new PasswordReset
        {
            Id = Guid.CreateVersion7(now),
            AccountId = account.Id,
            IdentifiedBy = target.IdentifiedBy,
            Channel = target.Channel == NotificationChannel.Email ? "email" : "sms",
            RevokedRefreshTokens = revoked,
            ClientAddress = clientAddress is { Length: > 64 } ? clientAddress[..64] : clientAddress,
            ResetAt = now,
        });
        outbox.Add(new AccountPasswordReset(account.Id, account.PartnerId, account.CustomerId, target.Channel == NotificationChannel.Email ? "email" : "sms", now));
        (await users.UpdateAsync(account)).ThrowIfFailed();
        await transaction.CommitAsync(cancellationToken);
        logger.LogInformation("Password of account {AccountId} reset; {Revoked} refresh tokens revoked.", account.Id, revoked);
    }

    /// <summary>
    /// Where the code goes and which accounts it may reset. <see cref="Subject"/> is what the caller
    /// typed, counted for the request limit whether or not it names an account.
    /// </summary>
    private sealed record Target(
        string IdentifiedBy, string Subject, NotificationChannel Channel, string Receiver, IReadOnlyList<Account> Candidates, string? ChosenUserName);

    private async Task<Target> ResolveAsync(AccountName name, CancellationToken cancellationToken)
    {
        var userName = Rules.Clean(name.UserName);
        var email = Rules.Clean(name.Email)?.ToLowerInvariant();
        var mobile = Rules.Clean(name.MobilePhone);
        new FieldValidation()
            .Check(userName is not null || email is not null || mobile is not null, "user_name", "One of user_name, email or mobile_phone is required.")
            .Check(email is null || mobile is null, "mobile_phone", "Name the account by email or by mobile_phone, not both.")
            .Check(email is null || Rules.IsValidEmail(email), "email", "email must be a valid email address.")
            .ThrowIfAny();
        if (mobile is not null && !Rules.IsValidMobile(mobile))
        {
            throw FieldValidation.Refuse(IdentityErrors.InvalidMobile, "mobile_phone");
        }

        if (email is not null)
        {
            var normalized = users.NormalizeEmail(email);
            var holders = await db.Users.Where(a => a.NormalizedEmail == normalized).OrderBy(a => a.UserName).ToListAsync(cancellationToken);
            return new Target("email", "email:" + email, NotificationChannel.Email, email, holders, userName);
        }

        if (mobile is not null)
        {
            var holders = await db.Users.Where(a => a.PhoneNumber == mobile).OrderBy(a => a.UserName).ToListAsync(cancellationToken);
            return new Target("mobile", "mobile:" + mobile, NotificationChannel.Sms, mobile, holders, userName);
        }

        var subject = "user:" + userName!.ToLowerInvariant();
        var account = await users.FindByNameAsync(userName);
        return account switch
        {
            { Email: { Length: > 0 } accountEmail } => new Target("user_name", subject, NotificationChannel.Email, accountEmail, [account], null),
            { PhoneNumber: { Length: > 0 } accountMobile } => new Target("user_name", subject, NotificationChannel.Sms, accountMobile, [account], null),
            // No account, or one without an address: a code for nobody under the name, so the confirm step answers alike.
            _ => new Target("user_name", subject, NotificationChannel.Email, subject, [], null),
        };
    }
}

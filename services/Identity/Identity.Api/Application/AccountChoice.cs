using System.Text;
using Identity.Api.Data;
using Identity.Api.Domain;
using Microsoft.EntityFrameworkCore;
using PartnerPlatform.ServiceDefaults;

namespace Identity.Api.Application;

/// <summary>
/// When a mobile number (or an email) names several accounts, the caller chooses one by its user
/// name (判断到有多个账号需出现用户名选择). The choice is asked with 409 CBC.99001010 whose
/// <c>errors.user_name</c> lists the candidates' user names masked, never in full; the caller repeats
/// the call with the full <c>user_name</c> it recognises.
/// </summary>
public static class AccountChoice
{
    public const string Field = "user_name";

    /// <summary>The one candidate, or the one named <paramref name="chosenUserName"/>; otherwise the choice is asked.</summary>
    public static Account Choose(IReadOnlyList<Account> candidates, string? chosenUserName)
    {
        if (chosenUserName is not null)
        {
            return candidates.FirstOrDefault(a => string.Equals(a.UserName, chosenUserName, StringComparison.OrdinalIgnoreCase))
                ?? throw Required(candidates);
        }

        return candidates.Count == 1 ? candidates[0] : throw Required(candidates);
    }

    /// <summary>
    /// Pre-registration (报备客户): the customer account a mobile number names, null when none does;
    /// when several do, the partner chooses one with <c>user_name</c>.
    /// </summary>
    public static async Task<string?> CustomerAccountForMobileAsync(
        IdentityDbContext db, string? mobile, string? chosenUserName, CancellationToken cancellationToken)
    {
        var candidates = mobile is null
            ? []
            : await db.Users.AsNoTracking()
                .Where(a => a.Kind == AccountKind.Customer && a.PhoneNumber == mobile)
                .OrderBy(a => a.UserName)
                .ToListAsync(cancellationToken);
        if (candidates.Count == 0)
        {
            return chosenUserName is null
                ? null
                : throw FieldValidation.Invalid(Field, "user_name chooses among the customer accounts of mobile_phone, and none carries this mobile number.");
        }

        return Choose(candidates, chosenUserName).UserName;
    }

    public static ApiException Required(IReadOnlyList<Account> candidates) =>
        new(
            IdentityErrors.AccountChoiceRequired,
            null,
            new Dictionary<string, string[]>(StringComparer.Ordinal)
            {
                [Field] = [.. candidates.Select(a => MaskUserName(a.UserName!)).Order(StringComparer.Ordinal)],
            });

    /// <summary>
    /// The first two and last two characters of a user name with the rest starred (first and last
    /// only under seven characters), so a person recognises its own name without the list telling
    /// anyone a name in full.
    /// </summary>
    public static string MaskUserName(string userName)
    {
        var keep = userName.Length >= 7 ? 2 : 1;
        var masked = new StringBuilder(userName.Length);
        for (var i = 0; i < userName.Length; i++)
        {
            masked.Append(i < keep || i >= userName.Length - keep ? userName[i] : PiiMask.MaskCharacter);
        }

        return masked.ToString();
    }
}

using System.Text.RegularExpressions;

namespace Identity.Api.Domain;

/// <summary>The registration API's rules for names, mobiles, emails and passwords.</summary>
public static partial class Rules
{
    public const int AccountNameMinLength = 5;
    public const int AccountNameMaxLength = 32;
    public const int PasswordMinLength = 8;
    public const int PasswordMaxLength = 32;
    public const int EmailMaxLength = 254;
    public const string AcceptedCountryCode = "0086";

    /// <summary>5–32 characters; a letter or <c>-</c> first, then letters, digits, <c>_</c> or <c>-</c>; not <c>op_…</c>, <c>shadow_…</c> or all digits.</summary>
    public static bool IsValidAccountName(string? name) =>
        name is { Length: >= AccountNameMinLength and <= AccountNameMaxLength }
        && AccountNamePattern().IsMatch(name)
        && !name.StartsWith("op_", StringComparison.OrdinalIgnoreCase)
        && !name.StartsWith("shadow_", StringComparison.OrdinalIgnoreCase)
        && !name.All(char.IsAsciiDigit);

    /// <summary><c>0086-13800138000</c>: the country code with 00, a dash, the number; only 0086 (11 digits starting with 1) is accepted.</summary>
    public static bool IsValidMobile(string? mobile) =>
        mobile is not null && MobileFormat().IsMatch(mobile) && ChineseMobile().IsMatch(mobile);

    public static bool IsValidEmail(string? email) =>
        email is { Length: > 0 and <= EmailMaxLength } && EmailPattern().IsMatch(email);

    /// <summary>
    /// 8–32 characters from at least two of: lower case, upper case, digits, other printable
    /// characters; not the account name or its reverse; not containing the mobile number.
    /// </summary>
    public static bool IsValidPassword(string? password, string? accountName, string? mobile)
    {
        if (password is not { Length: >= PasswordMinLength and <= PasswordMaxLength }
            || password.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
        {
            return false;
        }

        var classes = (password.Any(char.IsAsciiLetterLower) ? 1 : 0)
            + (password.Any(char.IsAsciiLetterUpper) ? 1 : 0)
            + (password.Any(char.IsAsciiDigit) ? 1 : 0)
            + (password.Any(c => !char.IsAsciiLetterOrDigit(c)) ? 1 : 0);
        if (classes < 2)
        {
            return false;
        }

        if (!string.IsNullOrEmpty(accountName)
            && (password.Equals(accountName, StringComparison.OrdinalIgnoreCase)
                || password.Equals(new string(accountName.Reverse().ToArray()), StringComparison.OrdinalIgnoreCase)))
        {
            return false;
        }

        var mobileNumber = mobile?.Split('-', 2) is [_, var number] ? number : mobile;
        return string.IsNullOrEmpty(mobileNumber) || !password.Contains(mobileNumber, StringComparison.Ordinal);
    }

    /// <summary>A lower-case region code such as <c>cn</c> or <c>ap-southeast-1</c>.</summary>
    public static bool IsValidRegion(string? region) => region is { Length: > 0 and <= 32 } && RegionPattern().IsMatch(region);

    /// <summary>Trimmed text, or null when absent or blank.</summary>
    public static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    [GeneratedRegex("^[A-Za-z-][A-Za-z0-9_-]*$")]
    private static partial Regex AccountNamePattern();

    [GeneratedRegex(@"^\d{4}-\d+$")]
    private static partial Regex MobileFormat();

    [GeneratedRegex(@"^0086-1\d{10}$")]
    private static partial Regex ChineseMobile();

    [GeneratedRegex("^[a-z][a-z0-9-]*$")]
    private static partial Regex RegionPattern();

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$")]
    private static partial Regex EmailPattern();
}

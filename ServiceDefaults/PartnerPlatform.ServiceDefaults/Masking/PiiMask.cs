using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace PartnerPlatform.ServiceDefaults;

/// <summary>
/// Masks personal data in list and detail responses. Rules (characters are counted as text
/// elements, so a surrogate pair or combined character is one):
/// <list type="bullet">
/// <item><b>Mobile</b>: a country prefix written as <c>0086-</c>, <c>+86-</c> or <c>+86 </c> stays;
/// of the number after it, 8 or more characters keep the first 3 and last 4 (<c>138****5678</c>),
/// 3 to 7 keep the first and last, 1 or 2 are fully masked. The length is kept.</item>
/// <item><b>Email</b>: the domain (from the last <c>@</c>) stays, the local part keeps its first
/// character followed by <c>***</c> whatever its length (<c>a***@example.com</c>); text without
/// <c>@</c> is masked like a local part.</item>
/// <item><b>Name</b>: each word keeps its first character and masks the rest one for one
/// (<c>张*</c>, <c>欧***</c>, <c>J*** D**</c>); a one-character word is fully masked; spacing stays.</item>
/// </list>
/// Null and empty values come back as they are. A value that already consists of mask characters
/// may come back unchanged.
/// </summary>
public static partial class PiiMask
{
    public const char MaskCharacter = '*';
    private const string EmailLocalMask = "***";

    public static string? Mobile(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return value;
        }

        var match = CountryPrefix().Match(value);
        var prefix = match.Success ? match.Value : "";
        var number = Elements(value[prefix.Length..]);
        var (keepStart, keepEnd) = number.Count switch
        {
            >= 8 => (3, 4),
            >= 3 => (1, 1),
            _ => (0, 0),
        };

        var masked = new StringBuilder(prefix);
        for (var i = 0; i < number.Count; i++)
        {
            masked.Append(i < keepStart || i >= number.Count - keepEnd ? number[i] : MaskCharacter.ToString());
        }

        return masked.ToString();
    }

    public static string? Email(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return value;
        }

        var at = value.LastIndexOf('@');
        var local = at < 0 ? value : value[..at];
        var domain = at < 0 ? "" : value[at..];
        var first = local.Length == 0 ? "" : Elements(local)[0];
        return first + EmailLocalMask + domain;
    }

    public static string? Name(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return value;
        }

        var masked = new StringBuilder(value.Length);
        var atWordStart = true;
        var elements = Elements(value);
        for (var i = 0; i < elements.Count; i++)
        {
            var element = elements[i];
            if (char.IsWhiteSpace(element[0]))
            {
                masked.Append(element);
                atWordStart = true;
                continue;
            }

            var oneCharacterWord = atWordStart && (i + 1 == elements.Count || char.IsWhiteSpace(elements[i + 1][0]));
            masked.Append(atWordStart && !oneCharacterWord ? element : MaskCharacter.ToString());
            atWordStart = false;
        }

        return masked.ToString();
    }

    private static List<string> Elements(string text)
    {
        var elements = new List<string>(text.Length);
        var enumerator = StringInfo.GetTextElementEnumerator(text);
        while (enumerator.MoveNext())
        {
            elements.Add(enumerator.GetTextElement());
        }

        return elements;
    }

    [GeneratedRegex(@"^(?:\+|00)\d{1,4}[- ]")]
    private static partial Regex CountryPrefix();
}

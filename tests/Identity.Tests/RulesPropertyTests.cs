using FsCheck;
using FsCheck.Fluent;
using Identity.Api.Domain;

namespace Identity.Tests;

/// <summary>The registration rules as properties over generated input.</summary>
public sealed class RulesPropertyTests
{
    private static readonly char[] Letters = [.. "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"];
    private static readonly char[] Tail = [.. "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-"];

    private static Gen<string> ValidNames() =>
        from first in Gen.Elements(Letters)
        from length in Gen.Choose(4, 31)
        from rest in Gen.ArrayOf(Gen.Elements(Tail), length)
        let name = first + new string(rest)
        where !name.StartsWith("op_", StringComparison.OrdinalIgnoreCase) && !name.StartsWith("shadow_", StringComparison.OrdinalIgnoreCase)
        select name;

    [Fact]
    public void Names_of_five_to_32_allowed_characters_starting_with_a_letter_are_valid() =>
        Prop.ForAll(ValidNames().ToArbitrary(), name => Rules.IsValidAccountName(name)).QuickCheckThrowOnFailure();

    [Fact]
    public void A_name_with_any_character_outside_the_allowed_set_is_invalid() =>
        Prop.ForAll(
                ValidNames().ToArbitrary(),
                Gen.Elements<char>([.. " .@!#$%^&*()+=/\\中文"]).ToArbitrary(),
                (name, bad) => !Rules.IsValidAccountName(name[..^1] + bad))
            .QuickCheckThrowOnFailure();

    [Fact]
    public void Reserved_prefixes_and_digit_starts_are_invalid_whatever_follows() =>
        Prop.ForAll(
                ValidNames().ToArbitrary(),
                Gen.Elements("op_", "OP_", "shadow_", "Shadow_", "1", "9").ToArbitrary(),
                (name, prefix) => !Rules.IsValidAccountName((prefix + name)[..Math.Min(32, prefix.Length + name.Length)]))
            .QuickCheckThrowOnFailure();

    [Fact]
    public void A_password_of_a_single_character_class_is_never_valid() =>
        Prop.ForAll(
                Gen.Elements("abcdefghijklmnopqrstuvwxyz", "ABCDEFGHIJKLMNOPQRSTUVWXYZ", "0123456789", "!@#$%^&*-_+=")
                    .SelectMany(pool => Gen.Choose(8, 32).SelectMany(n => Gen.ArrayOf(Gen.Elements<char>([.. pool]), n)))
                    .Select(chars => new string(chars))
                    .ToArbitrary(),
                password => !Rules.IsValidPassword(password, "someone", null))
            .QuickCheckThrowOnFailure();

    [Fact]
    public void The_name_its_reverse_and_the_mobile_never_make_a_valid_password() =>
        Prop.ForAll(ValidNames().Where(n => n.Length >= 8).ToArbitrary(), name =>
                !Rules.IsValidPassword(name, name, null)
                && !Rules.IsValidPassword(new string(name.Reverse().ToArray()), name, null)
                && !Rules.IsValidPassword("Ab-13800138000", name, "0086-13800138000"))
            .QuickCheckThrowOnFailure();

    [Fact]
    public void Only_0086_mobiles_of_eleven_digits_starting_with_1_are_valid() =>
        Prop.ForAll(
                Gen.Choose(0, 9999).ToArbitrary(),
                Gen.Choose(0, 999_999_999).ToArbitrary(),
                (country, number) =>
                {
                    var mobile = $"{country:D4}-1{number:D10}";
                    return Rules.IsValidMobile(mobile) == (country == 86);
                })
            .QuickCheckThrowOnFailure();
}

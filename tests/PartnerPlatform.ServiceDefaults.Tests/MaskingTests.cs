using FsCheck;
using FsCheck.Fluent;

namespace PartnerPlatform.ServiceDefaults.Tests;

public sealed class MaskingTests
{
    private static readonly Config Runs = Config.QuickThrowOnFailure.WithMaxTest(500);

    [Theory]
    [InlineData("13812345678", "138****5678")]
    [InlineData("0086-13812345678", "0086-138****5678")]
    [InlineData("+86 13812345678", "+86 138****5678")]
    [InlineData("1234567", "1*****7")]
    [InlineData("123", "1*3")]
    [InlineData("12", "**")]
    [InlineData("", "")]
    [InlineData(null, null)]
    public void Mobile_numbers_keep_their_first_three_and_last_four_digits(string? input, string? expected) =>
        Assert.Equal(expected, PiiMask.Mobile(input));

    [Theory]
    [InlineData("alice@example.com", "a***@example.com")]
    [InlineData("a@example.com", "a***@example.com")]
    [InlineData("first.last+tag@mail.example.cn", "f***@mail.example.cn")]
    [InlineData("odd@name@example.com", "o***@example.com")]
    [InlineData("@example.com", "***@example.com")]
    [InlineData("no-at-sign", "n***")]
    [InlineData(null, null)]
    public void Emails_keep_the_first_character_and_the_domain(string? input, string? expected) =>
        Assert.Equal(expected, PiiMask.Email(input));

    [Theory]
    [InlineData("张三", "张*")]
    [InlineData("欧阳娜娜", "欧***")]
    [InlineData("张", "*")]
    [InlineData("John Doe", "J*** D**")]
    [InlineData("Mary  J Watson", "M***  * W*****")]
    [InlineData("𠀀𠀁", "𠀀*")]
    [InlineData(null, null)]
    public void Names_keep_the_first_character_of_each_word(string? input, string? expected) =>
        Assert.Equal(expected, PiiMask.Name(input));

    [Fact]
    public void Masking_never_throws() =>
        Prop.ForAll<string>(value =>
        {
            _ = PiiMask.Mobile(value);
            _ = PiiMask.Email(value);
            _ = PiiMask.Name(value);
        }).Check(Runs);

    [Fact]
    public void A_masked_mobile_keeps_the_prefix_the_first_three_and_last_four_and_the_length() =>
        Prop.ForAll(Prefixes().ToArbitrary(), Digits(8, 15).ToArbitrary(), (prefix, number) =>
        {
            var masked = PiiMask.Mobile(prefix + number)!;
            return masked != prefix + number
                && masked == prefix + number[..3] + new string('*', number.Length - 7) + number[^4..];
        }).Check(Runs);

    [Fact]
    public void A_masked_mobile_differs_from_any_value_with_something_to_hide() =>
        Prop.ForAll(Unmasked().ToArbitrary(), value =>
            PiiMask.Mobile(value) != value || value.Length == 0 || IsOnlyACountryPrefix(value)).Check(Runs);

    [Fact]
    public void A_masked_email_keeps_its_first_character_and_domain_and_never_shows_the_rest() =>
        Prop.ForAll(Letters(1, 20).ToArbitrary(), Letters(1, 10).ToArbitrary(), (local, domain) =>
        {
            var email = $"{local}@{domain}.com";
            var masked = PiiMask.Email(email)!;
            return masked == $"{local[0]}***@{domain}.com" && masked != email;
        }).Check(Runs);

    [Fact]
    public void A_masked_email_differs_from_any_value_with_something_to_hide() =>
        Prop.ForAll(Unmasked().ToArbitrary(), value => PiiMask.Email(value) != value || value.Length == 0).Check(Runs);

    [Fact]
    public void A_masked_name_keeps_word_initials_spacing_and_length() =>
        Prop.ForAll(Gen.Choose(1, 4).SelectMany(count => Letters(2, 8).ArrayOf(count)).ToArbitrary(), words =>
        {
            var name = string.Join(' ', words);
            var masked = PiiMask.Name(name)!;
            return masked != name
                && masked.Length == name.Length
                && masked.Split(' ').Zip(words, (First, Second) => (First, Second)).All(pair => pair.First[0] == pair.Second[0] && pair.First[1..].All(c => c == '*'));
        }).Check(Runs);

    [Fact]
    public void A_masked_name_differs_from_any_value_with_something_to_hide() =>
        Prop.ForAll(Unmasked().ToArbitrary(), value =>
            PiiMask.Name(value) != value || string.IsNullOrWhiteSpace(value)).Check(Runs);

    private static bool IsOnlyACountryPrefix(string value) =>
        System.Text.RegularExpressions.Regex.IsMatch(value, @"^(?:\+|00)\d{1,4}[- ]$");

    /// <summary>Any string without mask characters (those may legitimately come back unchanged).</summary>
    private static Gen<string> Unmasked() =>
        ArbMap.Default.GeneratorFor<string>().Where(s => s is not null && !s.Contains('*', StringComparison.Ordinal));

    private static Gen<string> Prefixes() => Gen.Elements("", "0086-", "+86-", "+86 ", "00852-");

    private static Gen<string> Digits(int min, int max) =>
        Gen.Choose(min, max).SelectMany(length => Gen.ArrayOf(Gen.Choose('0', '9').Select(c => (char)c), length)).Select(chars => new string(chars));

    private static Gen<string> Letters(int min, int max) =>
        Gen.Choose(min, max).SelectMany(length => Gen.ArrayOf(Gen.Elements("abcdefghijklmnopqrstuvwxyz张王李欧阳".ToCharArray()), length))
            .Select(chars => new string(chars));
}

namespace PartnerPlatform.ServiceDefaults;

/// <summary>
/// The characters the platform refuses in any text it is given. PostgreSQL cannot store a NUL
/// (U+0000) in text and answers 22021 while binding the statement; such input is refused at the
/// edge of every service instead, with <see cref="ErrorCodes.InvalidCharacter"/> and the field.
/// </summary>
public static class TextHygiene
{
    public static bool IsAcceptable(string? value) => value is null || !value.Contains('\0', StringComparison.Ordinal);

    public static ApiException Refusal(string field) =>
        new(ErrorCodes.InvalidCharacter, ErrorCodes.InvalidCharacter.Message, new Dictionary<string, string[]>
        {
            [field] = ["The value contains a NUL character (U+0000)."],
        });
}

using System.Collections.Frozen;
using System.Text.Json;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Opportunities.Api.Data;

/// <summary>Stores an enum as its snake_case name (<c>ChangesRequested</c> → <c>changes_requested</c>), as the API shows it.</summary>
internal sealed class SnakeCaseEnumConverter<TEnum>() : ValueConverter<TEnum, string>(value => NameOf(value), text => ValueOf(text))
    where TEnum : struct, Enum
{
    private static readonly FrozenDictionary<TEnum, string> Names =
        Enum.GetValues<TEnum>().ToFrozenDictionary(v => v, v => JsonNamingPolicy.SnakeCaseLower.ConvertName(v.ToString()));

    private static readonly FrozenDictionary<string, TEnum> Values =
        Names.ToFrozenDictionary(pair => pair.Value, pair => pair.Key, StringComparer.Ordinal);

    public static string NameOf(TEnum value) => Names[value];

    public static TEnum ValueOf(string text) => Values[text];

    public static bool TryValueOf(string? text, out TEnum value) => Values.TryGetValue(text ?? "", out value);
}

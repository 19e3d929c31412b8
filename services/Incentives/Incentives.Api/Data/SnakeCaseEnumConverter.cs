using System.Collections.Frozen;
using System.Text.Json;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Incentives.Api.Data;

/// <summary>Stores an enum as its snake_case name (<c>LecturerFund</c> → <c>lecturer_fund</c>), as the API shows it.</summary>
internal sealed class SnakeCaseEnumConverter<TEnum>() : ValueConverter<TEnum, string>(value => NameOf(value), text => ValueOf(text))
    where TEnum : struct, Enum
{
    private static readonly FrozenDictionary<TEnum, string> Names =
        Enum.GetValues<TEnum>().ToFrozenDictionary(v => v, v => JsonNamingPolicy.SnakeCaseLower.ConvertName(v.ToString()));

    private static readonly FrozenDictionary<string, TEnum> Values =
        Names.ToFrozenDictionary(pair => pair.Value, pair => pair.Key, StringComparer.Ordinal);

    public static string NameOf(TEnum value) => Names[value];

    public static TEnum ValueOf(string text) => Values[text];
}

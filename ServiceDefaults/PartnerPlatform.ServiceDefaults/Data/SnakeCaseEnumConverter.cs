using System.Collections.Frozen;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace PartnerPlatform.ServiceDefaults.Data;

/// <summary>
/// Stores an enum as its snake_case name, the spelling the API writes (<see cref="SnakeCaseEnum"/>:
/// <c>CashCoupon</c> → <c>cash_coupon</c>); <see cref="NameOf"/> and <see cref="ValueOf"/> serve
/// hand-written SQL and events.
/// </summary>
public sealed class SnakeCaseEnumConverter<TEnum>() : ValueConverter<TEnum, string>(value => NameOf(value), text => ValueOf(text))
    where TEnum : struct, Enum
{
    private static readonly FrozenDictionary<TEnum, string> Names = Enum.GetValues<TEnum>().ToFrozenDictionary(v => v, SnakeCaseEnum.Name);

    private static readonly FrozenDictionary<string, TEnum> Values = Names.ToFrozenDictionary(pair => pair.Value, pair => pair.Key, StringComparer.Ordinal);

    public static string NameOf(TEnum value) => Names[value];

    public static TEnum ValueOf(string text) => Values[text];

    public static bool TryValueOf(string? text, out TEnum value) => Values.TryGetValue(text ?? "", out value);
}

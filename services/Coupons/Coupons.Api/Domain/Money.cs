namespace Coupons.Api.Domain;

/// <summary>Amounts are decimals with 2 places plus an ISO 4217 currency code.</summary>
public static class Money
{
    /// <summary>The largest amount accepted anywhere (fits numeric(18,2) with room for sums).</summary>
    public const decimal MaxAmount = 999_999_999_999.99m;

    public static bool HasAtMostTwoDecimals(decimal value) => decimal.Round(value, 2) == value;

    /// <summary>A positive amount of at most 2 decimals within <see cref="MaxAmount"/>.</summary>
    public static bool IsValidAmount(decimal value) => value > 0 && value <= MaxAmount && HasAtMostTwoDecimals(value);

    /// <summary>The value with exactly 2 decimals, so JSON shows <c>100.00</c>, not <c>100</c>.</summary>
    public static decimal Normalize(decimal value) => decimal.Round(value, 2) + 0.00m;

    /// <summary>Rounds down to the cent (a share of an order never exceeds its cap).</summary>
    public static decimal FloorToCent(decimal value) => Normalize(decimal.Floor(value * 100m) / 100m);

    public static bool IsCurrency(string? code) => code is { Length: 3 } && code.All(char.IsAsciiLetterUpper);
}

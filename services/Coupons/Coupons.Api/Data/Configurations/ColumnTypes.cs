namespace Coupons.Api.Data.Configurations;

internal static class ColumnTypes
{
    /// <summary>Amounts of money: 2 decimal places.</summary>
    public const string Money = "numeric(18,2)";
}

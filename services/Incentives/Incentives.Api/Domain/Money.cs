using PartnerPlatform.ServiceDefaults;

namespace Incentives.Api.Domain;

/// <summary>Amounts are decimals in whole cents, always with their currency.</summary>
public static class Money
{
    public static void RequireCents(decimal amount, string field)
    {
        if (decimal.Round(amount, 2) != amount || Math.Abs(amount) >= 10_000_000_000_000_000m)
        {
            throw FieldValidation.Invalid(field, "Amounts are given in whole cents (at most two decimals).");
        }
    }
}

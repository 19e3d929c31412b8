namespace Coupons.Api.Domain;

/// <summary>The vendor roles that may act on quotas, whitelists and redemptions.</summary>
public static class VendorRoles
{
    /// <summary>Vendor staff who grant quotas, change their status and import whitelists.</summary>
    public static readonly string[] QuotaManagers = ["admin", "ecosystem_manager"];

    /// <summary>Vendor accounts the ordering system redeems with.</summary>
    public static readonly string[] Redeemers = ["admin", "ops"];
}

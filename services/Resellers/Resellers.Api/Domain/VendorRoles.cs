namespace Resellers.Api.Domain;

/// <summary>The vendor roles that may act on the distribution plan.</summary>
public static class VendorRoles
{
    /// <summary>Every vendor staff role may operate the distribution plan.</summary>
    public static readonly string[] VendorStaff = ["admin", "ecosystem_manager", "pdm", "psm", "ops"];
}

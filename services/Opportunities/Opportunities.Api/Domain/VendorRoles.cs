namespace Opportunities.Api.Domain;

/// <summary>The vendor roles that may act on opportunities.</summary>
public static class VendorRoles
{
    /// <summary>Vendor staff who review POs, write vendor updates, run HOs and review projects.</summary>
    public static readonly string[] VendorStaff = ["admin", "ecosystem_manager", "pdm", "psm"];
}

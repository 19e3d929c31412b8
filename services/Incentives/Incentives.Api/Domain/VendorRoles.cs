namespace Incentives.Api.Domain;

/// <summary>The vendor roles that may act on the incentive programmes.</summary>
public static class VendorRoles
{
    /// <summary>Vendor staff who run the incentive programmes: ecosystem managers (PDMs), ops and admins.</summary>
    public static readonly string[] VendorStaff = ["admin", "ecosystem_manager", "ops"];

    /// <summary>Vendor staff who upload and review NRE agreements: the ecosystem manager (PDM), and admins.</summary>
    public static readonly string[] EcosystemManagers = ["admin", "ecosystem_manager"];
}

using PartnerPlatform.ServiceDefaults;

namespace Incentives.Api.Infrastructure;

/// <summary>Vendor roles and the caller facts the endpoints need.</summary>
public static class Callers
{
    /// <summary>Vendor staff who run the incentive programmes: ecosystem managers (PDMs), ops and admins.</summary>
    public static readonly string[] VendorStaff = ["admin", "ecosystem_manager", "ops"];

    /// <summary>Vendor staff who upload and review NRE agreements: the ecosystem manager (PDM), and admins.</summary>
    public static readonly string[] EcosystemManagers = ["admin", "ecosystem_manager"];

    /// <summary>Who to record as the acting vendor account.</summary>
    public static string Operator(this CurrentCaller caller) => caller.UserId ?? caller.VendorRole ?? "unknown";
}

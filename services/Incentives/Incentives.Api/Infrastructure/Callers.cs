using PartnerPlatform.ServiceDefaults;

namespace Incentives.Api.Infrastructure;

/// <summary>Vendor roles and the caller facts the endpoints need.</summary>
public static class Callers
{
    /// <summary>Vendor staff who run the incentive programmes: ecosystem managers (PDMs), ops and admins.</summary>
    public static readonly string[] VendorStaff = ["admin", "ecosystem_manager", "ops"];

    /// <summary>Vendor staff who upload and review NRE agreements: the ecosystem manager (PDM), and admins.</summary>
    public static readonly string[] EcosystemManagers = ["admin", "ecosystem_manager"];

    /// <summary>The caller's partner id (403 CBC.0151 when the caller does not act for a partner).</summary>
    public static Guid RequirePartnerGuid(this CurrentCaller caller) =>
        Guid.TryParse(caller.RequirePartnerId(), out var id)
            ? id
            : throw new ApiException(ErrorCodes.AccessDenied, "The token does not carry a valid partner id.");

    /// <summary>Who to record as the acting vendor account.</summary>
    public static string Operator(this CurrentCaller caller) => caller.UserId ?? caller.VendorRole ?? "unknown";
}

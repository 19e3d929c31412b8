using PartnerPlatform.ServiceDefaults;

namespace Opportunities.Api.Application;

/// <summary>Vendor roles and the caller facts the features need.</summary>
public static class Callers
{
    /// <summary>Vendor staff who review POs, write vendor updates, run HOs and review projects.</summary>
    public static readonly string[] VendorStaff = ["admin", "ecosystem_manager", "pdm", "psm"];

    /// <summary>The caller's partner id (403 CBC.0151 when the caller does not act for a partner).</summary>
    public static Guid RequirePartnerGuid(this CurrentCaller caller) =>
        Guid.TryParse(caller.RequirePartnerId(), out var id)
            ? id
            : throw new ApiException(ErrorCodes.AccessDenied, "The token does not carry a valid partner id.");

    /// <summary>The acting account as recorded in histories and events (empty id when the token has none).</summary>
    public static Guid UserGuid(this CurrentCaller caller) => Guid.TryParse(caller.UserId, out var id) ? id : Guid.Empty;
}

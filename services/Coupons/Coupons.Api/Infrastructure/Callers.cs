using PartnerPlatform.ServiceDefaults;

namespace Coupons.Api.Infrastructure;

/// <summary>Vendor roles and the caller facts the endpoints need.</summary>
public static class Callers
{
    /// <summary>Vendor staff who grant quotas, change their status and import whitelists.</summary>
    public static readonly string[] QuotaManagers = ["admin", "ecosystem_manager"];

    /// <summary>Vendor accounts the ordering system redeems with.</summary>
    public static readonly string[] Redeemers = ["admin", "ops"];

    /// <summary>The caller's partner id (403 CBC.0151 when the caller does not act for a partner).</summary>
    public static Guid RequirePartnerGuid(this CurrentCaller caller) =>
        Guid.TryParse(caller.RequirePartnerId(), out var id)
            ? id
            : throw new ApiException(ErrorCodes.AccessDenied, "The token does not carry a valid partner id.");

    /// <summary>The caller's customer id, or null when the caller is not a customer.</summary>
    public static Guid? CustomerGuid(this CurrentCaller caller) =>
        Guid.TryParse(caller.CustomerId, out var id) ? id : null;

    /// <summary>Who to record as operator: the acting account.</summary>
    public static string? OperatorId(this CurrentCaller caller) => caller.UserId;
}

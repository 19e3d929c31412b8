using PartnerPlatform.ServiceDefaults;

namespace Coupons.Api.Infrastructure;

/// <summary>Vendor roles and the caller facts the endpoints need.</summary>
public static class Callers
{
    /// <summary>Vendor staff who grant quotas, change their status and import whitelists.</summary>
    public static readonly string[] QuotaManagers = ["admin", "ecosystem_manager"];

    /// <summary>Vendor accounts the ordering system redeems with.</summary>
    public static readonly string[] Redeemers = ["admin", "ops"];

    /// <summary>Who to record as operator: the acting account.</summary>
    public static string? OperatorId(this CurrentCaller caller) => caller.UserId;
}

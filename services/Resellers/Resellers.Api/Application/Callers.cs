using PartnerPlatform.ServiceDefaults;

namespace Resellers.Api.Application;

/// <summary>The vendor roles this service accepts and the caller's partner id when it has one.</summary>
internal static class CallerExtensions
{
    /// <summary>Every vendor staff role may operate the distribution plan.</summary>
    public static readonly string[] VendorRoles = ["admin", "ecosystem_manager", "pdm", "psm", "ops"];

    public static bool IsVendorStaff(this CurrentCaller caller) =>
        caller.VendorRole is { } role && VendorRoles.Contains(role, StringComparer.Ordinal);

    /// <summary>The calling partner, or null for callers that do not act for a partner.</summary>
    public static Guid? PartnerGuidOrNull(this CurrentCaller caller) =>
        caller.PartnerId is { } text && Guid.TryParse(text, out var id) ? id : null;
}

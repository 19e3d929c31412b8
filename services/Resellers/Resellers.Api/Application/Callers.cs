using PartnerPlatform.ServiceDefaults;

namespace Resellers.Api.Application;

/// <summary>The caller's ids as GUIDs and the vendor roles this service accepts.</summary>
internal static class CallerExtensions
{
    /// <summary>Every vendor staff role may operate the distribution plan.</summary>
    public static readonly string[] VendorRoles = ["admin", "ecosystem_manager", "pdm", "psm", "ops"];

    public static bool IsVendorStaff(this CurrentCaller caller) =>
        caller.VendorRole is { } role && VendorRoles.Contains(role, StringComparer.Ordinal);

    /// <summary>The calling partner, or 403 CBC.0151 for callers that do not act for a partner.</summary>
    public static Guid PartnerGuid(this CurrentCaller caller) =>
        Guid.TryParse(caller.RequirePartnerId(), out var id)
            ? id
            : throw new ApiException(ErrorCodes.AccessDenied, "The token's partner id is not valid.");

    public static Guid? PartnerGuidOrNull(this CurrentCaller caller) =>
        caller.PartnerId is { } text && Guid.TryParse(text, out var id) ? id : null;

    /// <summary>Who acts, for the audit columns; <see cref="Guid.Empty"/> when the token carries no user id.</summary>
    public static Guid UserGuid(this CurrentCaller caller) =>
        caller.UserId is { } text && Guid.TryParse(text, out var id) ? id : Guid.Empty;
}

namespace PartnerPlatform.ServiceDefaults.Tests.Infrastructure;

internal static class Callers
{
    public static CurrentCaller Partner(string partnerId = "p-1", string[]? permissions = null, string[]? programmes = null) => new()
    {
        IsAuthenticated = true,
        UserId = "u-" + partnerId,
        PartnerId = partnerId,
        Permissions = (permissions ?? []).ToHashSet(StringComparer.Ordinal),
        Programmes = (programmes ?? ["solution_provider"]).ToHashSet(StringComparer.Ordinal),
        Region = "cn",
    };

    public static CurrentCaller Vendor(string role) => new()
    {
        IsAuthenticated = true,
        UserId = "staff-" + role,
        VendorRole = role,
    };
}

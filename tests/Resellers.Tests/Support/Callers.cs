using PartnerPlatform.ServiceDefaults;

namespace Resellers.Tests.Support;

internal static class Callers
{
    public static CurrentCaller Partner(Guid partnerId, params string[] programmes) => new()
    {
        IsAuthenticated = true,
        UserId = Guid.NewGuid().ToString(),
        PartnerId = partnerId.ToString(),
        Programmes = programmes.ToHashSet(StringComparer.Ordinal),
        Region = "cn",
    };

    public static CurrentCaller Distributor(Guid partnerId) => Partner(partnerId, "distributor");

    public static CurrentCaller Vendor(string role = "ecosystem_manager") => new()
    {
        IsAuthenticated = true,
        UserId = Guid.NewGuid().ToString(),
        VendorRole = role,
    };
}

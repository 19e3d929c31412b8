using PartnerPlatform.ServiceDefaults;

namespace Gateway.Tests.Support;

internal static class Callers
{
    public static CurrentCaller Partner(string partnerId, string? userId = null) => new()
    {
        IsAuthenticated = true,
        UserId = userId ?? "user-of-" + partnerId,
        PartnerId = partnerId,
        Programmes = new HashSet<string>(["solution_provider"], StringComparer.Ordinal),
    };
}

using PartnerPlatform.ServiceDefaults;

namespace SubscriptionFiles.Api.Infrastructure;

/// <summary>The caller facts the endpoints need.</summary>
public static class Callers
{
    /// <summary>The caller's partner id (403 CBC.0151 when the caller does not act for a partner).</summary>
    public static Guid RequirePartnerGuid(this CurrentCaller caller) =>
        Guid.TryParse(caller.RequirePartnerId(), out var id)
            ? id
            : throw new ApiException(ErrorCodes.AccessDenied, "The token does not carry a valid partner id.");
}

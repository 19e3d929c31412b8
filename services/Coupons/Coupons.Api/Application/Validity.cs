using Coupons.Api.Domain;
using PartnerPlatform.ServiceDefaults;

namespace Coupons.Api.Application;

/// <summary>The validity period of something handed out of a quota: within the quota's, in the future.</summary>
internal static class Validity
{
    public static (DateTimeOffset ValidFrom, DateTimeOffset ExpiresAt) Within(Quota quota, DateTimeOffset? validTime, DateTimeOffset? expireTime, DateTimeOffset now)
    {
        var validFrom = validTime ?? (now > quota.ValidFrom ? now : quota.ValidFrom);
        var expiresAt = expireTime ?? quota.ExpiresAt;
        if (validFrom < quota.ValidFrom)
        {
            throw OutsideQuota("valid_time", "valid_time may not be earlier than the quota's valid_time.");
        }

        if (expiresAt > quota.ExpiresAt)
        {
            throw OutsideQuota("expire_time", "expire_time may not be later than the quota's expire_time.");
        }

        if (expiresAt <= validFrom)
        {
            throw FieldValidation.Invalid("expire_time", "expire_time must be after valid_time.");
        }

        if (expiresAt <= now)
        {
            throw FieldValidation.Invalid("expire_time", "expire_time must be in the future.");
        }

        return (validFrom, expiresAt);
    }

    private static ApiException OutsideQuota(string field, string message) =>
        new(CouponsErrors.RestrictionOutsideQuota, message, new Dictionary<string, string[]> { [field] = [message] });
}

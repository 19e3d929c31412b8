namespace PartnerPlatform.ServiceDefaults;

/// <summary>
/// Claim types carried by the platform's bearer tokens. identity-api issues them; every service
/// reads them through <see cref="CurrentCaller"/>. Programmes and permission items are repeated
/// claims, one value each.
/// </summary>
public static class PlatformClaims
{
    public const string UserId = "user_id";
    public const string PartnerId = "partner_id";
    public const string Programme = "programme";
    public const string Permission = "permission";
    public const string VendorRole = "vendor_role";
    public const string CustomerId = "customer_id";
    public const string Region = "region";
}

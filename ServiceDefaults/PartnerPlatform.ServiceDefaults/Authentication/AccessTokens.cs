using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace PartnerPlatform.ServiceDefaults;

/// <summary>
/// Writes a platform access token: a JWT carrying the caller's claims (<see cref="PlatformClaims"/>;
/// programmes and permission items as arrays), issuer, audience and lifetime, signed with ES256.
/// identity-api signs with its current key; tests sign with a test key.
/// </summary>
public static class AccessTokens
{
    public const string Algorithm = SecurityAlgorithms.EcdsaSha256;

    private static readonly JsonWebTokenHandler Handler = new() { SetDefaultTimesOnTokenCreation = false };

    public static string Create(
        CurrentCaller caller, SecurityKey signingKey, DateTimeOffset issuedAt, TimeSpan lifetime, PlatformAuthenticationOptions? options = null)
    {
        options ??= new PlatformAuthenticationOptions();
        return Handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = options.Issuer,
            Audience = options.Audience,
            Subject = caller.ToPrincipal().Identities.First(),
            IssuedAt = issuedAt.UtcDateTime,
            NotBefore = issuedAt.UtcDateTime,
            Expires = (issuedAt + lifetime).UtcDateTime,
            SigningCredentials = new SigningCredentials(signingKey, Algorithm),
        });
    }
}

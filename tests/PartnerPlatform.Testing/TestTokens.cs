using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.IdentityModel.Tokens;
using PartnerPlatform.ServiceDefaults;

namespace PartnerPlatform.Testing;

/// <summary>
/// Access tokens for tests, shaped exactly as identity-api issues them (<see cref="AccessTokens"/>)
/// but signed with a test key made when the test process starts. A host trusts that key through
/// <c>Authentication:Jwks</c>: <c>builder.TrustTestTokens()</c> on a <c>WebApplicationFactory</c>'s
/// web host builder, or <see cref="Settings"/> in a configuration. Then
/// <c>TestTokens.For(caller)</c> (or <c>TestTokens.For(caller, Clock.GetUtcNow())</c> for a host
/// on a clock of its own) is a token that host accepts.
/// </summary>
public static class TestTokens
{
    public const string JwksSetting = $"{PlatformAuthenticationOptions.SectionName}:Jwks";

    private static readonly ECDsaSecurityKey TestKey = NewKey("test-key");

    /// <summary>A key no host trusts: its tokens must be refused everywhere.</summary>
    private static readonly ECDsaSecurityKey ForeignKey = NewKey("foreign-key");

    /// <summary>The JSON Web Key Set with the public half of the test key.</summary>
    public static string Jwks { get; } = JwksOf(TestKey);

    /// <summary>The configuration that makes a host trust the test key.</summary>
    public static IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?> { [JwksSetting] = Jwks };

    /// <summary>A token for <paramref name="caller"/>, issued at <paramref name="issuedAt"/> (now by default), valid for <paramref name="lifetime"/> (one hour).</summary>
    public static string For(CurrentCaller caller, DateTimeOffset? issuedAt = null, TimeSpan? lifetime = null) =>
        AccessTokens.Create(caller, TestKey, issuedAt ?? DateTimeOffset.UtcNow, lifetime ?? TimeSpan.FromHours(1));

    /// <summary>A well-formed token signed with a key nobody trusts.</summary>
    public static string ForeignFor(CurrentCaller caller, DateTimeOffset? issuedAt = null) =>
        AccessTokens.Create(caller, ForeignKey, issuedAt ?? DateTimeOffset.UtcNow, TimeSpan.FromHours(1));

    /// <summary>Makes the host under test trust the test key (<c>Authentication:Jwks</c>).</summary>
    public static IWebHostBuilder TrustTestTokens(this IWebHostBuilder builder) => builder.UseSetting(JwksSetting, Jwks);

    private static ECDsaSecurityKey NewKey(string keyId) => new(ECDsa.Create(ECCurve.NamedCurves.nistP256)) { KeyId = keyId };

    private static string JwksOf(ECDsaSecurityKey key)
    {
        var jwk = JsonWebKeyConverter.ConvertFromECDsaSecurityKey(new ECDsaSecurityKey(ECDsa.Create(key.ECDsa.ExportParameters(false))) { KeyId = key.KeyId });
        return JsonSerializer.Serialize(new
        {
            keys = new[] { new { kty = jwk.Kty, use = "sig", alg = AccessTokens.Algorithm, kid = jwk.Kid, crv = jwk.Crv, x = jwk.X, y = jwk.Y } },
        });
    }
}

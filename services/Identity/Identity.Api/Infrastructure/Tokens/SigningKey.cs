using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;

namespace Identity.Api.Infrastructure.Tokens;

/// <summary>
/// One ES256 key pair identity-api signs access tokens with (table <c>signing_keys</c>). It signs
/// from <see cref="ActivatesAt"/> to <see cref="RetiresAt"/>; its public half is published from
/// its creation until <see cref="PublishedUntil"/>. The private key is stored as PKCS#8: restrict
/// access to the database.
/// </summary>
public sealed class SigningKey
{
    /// <summary>The key id (<c>kid</c>).</summary>
    public required string Id { get; init; }

    public required byte[] PrivateKey { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset ActivatesAt { get; set; }

    public DateTimeOffset RetiresAt { get; set; }

    public DateTimeOffset PublishedUntil { get; set; }

    public static SigningKey Create(DateTimeOffset now, DateTimeOffset activatesAt, TokenOptions options)
    {
        using var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var retiresAt = activatesAt + options.SigningKeyLifetime;
        return new SigningKey
        {
            Id = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(12)),
            PrivateKey = ecdsa.ExportPkcs8PrivateKey(),
            CreatedAt = now,
            ActivatesAt = activatesAt,
            RetiresAt = retiresAt,
            PublishedUntil = retiresAt + options.RetiredKeyPublishedFor,
        };
    }

    public bool SignsAt(DateTimeOffset now) => ActivatesAt <= now && now < RetiresAt;

    public void Retire(DateTimeOffset at, TokenOptions options)
    {
        RetiresAt = at;
        PublishedUntil = at + options.RetiredKeyPublishedFor;
    }

    /// <summary>The key with its private half, for signing.</summary>
    public ECDsaSecurityKey ToSecurityKey()
    {
        var ecdsa = ECDsa.Create();
        ecdsa.ImportPkcs8PrivateKey(PrivateKey, out _);
        return new ECDsaSecurityKey(ecdsa) { KeyId = Id };
    }
}

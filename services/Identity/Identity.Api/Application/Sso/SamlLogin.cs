using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;
using Identity.Api.Data;
using Identity.Api.Domain.Sso;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PartnerPlatform.ServiceDefaults;

namespace Identity.Api.Application.Sso;

/// <summary>
/// SP-initiated sign-in (向IAM发起SAMLRequest): an AuthnRequest for the partner's identity provider,
/// sent with the HTTP-Redirect binding (deflated, base64, signed over the query string with
/// RSA-SHA256), its id kept as pending so the response's InResponseTo can be checked once.
/// </summary>
public sealed class SamlLogin(IdentityDbContext db, SamlServiceProviderKey key, IOptions<IdentityOptions> options, TimeProvider timeProvider)
{
    /// <summary>The longest RelayState SAML allows (bindings, 3.4.3).</summary>
    public const int MaxRelayStateBytes = 80;

    private SamlOptions Saml => options.Value.Saml;

    public string Metadata() => SamlMetadata.ForServiceProvider(Saml, key.Certificate);

    /// <summary>The identity provider's URL carrying the signed AuthnRequest.</summary>
    public async Task<string> StartAsync(Guid partnerId, string? relayState, CancellationToken cancellationToken)
    {
        if (relayState is not null && Encoding.UTF8.GetByteCount(relayState) > MaxRelayStateBytes)
        {
            throw FieldValidation.Invalid("relay_state", $"relay_state is at most {MaxRelayStateBytes} bytes.");
        }

        var provider = await db.SamlIdentityProviders.AsNoTracking().SingleOrDefaultAsync(p => p.PartnerId == partnerId, cancellationToken)
            ?? throw new ApiException(IdentityErrors.SsoNotConfigured);
        using var signingKey = key.CreateSigningKey();
        var now = timeProvider.Now();
        var requestId = "_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(20));

        await db.SamlPendingRequests.Where(r => r.ExpiresAt <= now).ExecuteDeleteAsync(cancellationToken);
        db.SamlPendingRequests.Add(new SamlPendingRequest { Id = requestId, PartnerId = partnerId, ExpiresAt = now + Saml.RequestLifetime });
        await db.SaveChangesAsync(cancellationToken);

        var query = "SAMLRequest=" + Uri.EscapeDataString(Deflated(AuthnRequest(requestId, provider.SingleSignOnUrl, now)));
        if (!string.IsNullOrEmpty(relayState))
        {
            query += "&RelayState=" + Uri.EscapeDataString(relayState);
        }

        query += "&SigAlg=" + Uri.EscapeDataString(SamlXml.RsaSha256);
        var signature = signingKey.SignData(Encoding.UTF8.GetBytes(query), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        query += "&Signature=" + Uri.EscapeDataString(Convert.ToBase64String(signature));
        return provider.SingleSignOnUrl + (provider.SingleSignOnUrl.Contains('?', StringComparison.Ordinal) ? "&" : "?") + query;
    }

    private string AuthnRequest(string requestId, string destination, DateTimeOffset now)
    {
        XNamespace samlp = SamlXml.Protocol;
        XNamespace saml = SamlXml.Assertion;
        return new XElement(
            samlp + "AuthnRequest",
            new XAttribute(XNamespace.Xmlns + "samlp", SamlXml.Protocol),
            new XAttribute(XNamespace.Xmlns + "saml", SamlXml.Assertion),
            new XAttribute("ID", requestId),
            new XAttribute("Version", "2.0"),
            new XAttribute("IssueInstant", now.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture)),
            new XAttribute("Destination", destination),
            new XAttribute("AssertionConsumerServiceURL", Saml.AcsUrl),
            new XAttribute("ProtocolBinding", SamlXml.HttpPostBinding),
            new XElement(saml + "Issuer", Saml.ResolvedEntityId),
            new XElement(samlp + "NameIDPolicy", new XAttribute("Format", SamlXml.PersistentNameId), new XAttribute("AllowCreate", "true")))
            .ToString(SaveOptions.DisableFormatting);
    }

    /// <summary>DEFLATE (RFC 1951, no zlib header) then base64, as the HTTP-Redirect binding wants.</summary>
    private static string Deflated(string xml)
    {
        using var buffer = new MemoryStream();
        using (var deflate = new DeflateStream(buffer, CompressionLevel.Optimal, leaveOpen: true))
        {
            deflate.Write(Encoding.UTF8.GetBytes(xml));
        }

        return Convert.ToBase64String(buffer.ToArray());
    }
}

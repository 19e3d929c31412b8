using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Xml.Linq;

namespace Identity.Api.Application.Sso;

/// <summary>The service provider's metadata (what an identity provider imports) and the reading of an identity provider's.</summary>
public static class SamlMetadata
{
    /// <summary>What an identity provider's metadata says that sign-in needs.</summary>
    public sealed record IdentityProviderDescription(string EntityId, string SingleSignOnUrl, IReadOnlyList<X509Certificate2> SigningCertificates);

    /// <summary>
    /// The EntityDescriptor of the platform as service provider: entity id, the signing certificate,
    /// persistent name ids, the ACS with the HTTP-POST binding; AuthnRequests signed, assertions wanted signed.
    /// </summary>
    public static string ForServiceProvider(SamlOptions options, X509Certificate2 signingCertificate)
    {
        XNamespace md = SamlXml.Metadata;
        XNamespace ds = SamlXml.XmlDsig;
        var descriptor = new XElement(
            md + "EntityDescriptor",
            new XAttribute(XNamespace.Xmlns + "md", SamlXml.Metadata),
            new XAttribute(XNamespace.Xmlns + "ds", SamlXml.XmlDsig),
            new XAttribute("entityID", options.ResolvedEntityId),
            new XElement(
                md + "SPSSODescriptor",
                new XAttribute("AuthnRequestsSigned", "true"),
                new XAttribute("WantAssertionsSigned", "true"),
                new XAttribute("protocolSupportEnumeration", SamlXml.Protocol),
                new XElement(
                    md + "KeyDescriptor",
                    new XAttribute("use", "signing"),
                    new XElement(ds + "KeyInfo", new XElement(ds + "X509Data", new XElement(ds + "X509Certificate", Convert.ToBase64String(signingCertificate.RawData))))),
                new XElement(md + "NameIDFormat", SamlXml.PersistentNameId),
                new XElement(
                    md + "AssertionConsumerService",
                    new XAttribute("Binding", SamlXml.HttpPostBinding),
                    new XAttribute("Location", options.AcsUrl),
                    new XAttribute("index", "0"),
                    new XAttribute("isDefault", "true"))));
        return new XDocument(new XDeclaration("1.0", "utf-8", null), descriptor).Declaration + "\n" + descriptor;
    }

    /// <summary>
    /// Reads an identity provider's EntityDescriptor: its entity id, the SingleSignOnService of the
    /// HTTP-Redirect binding and every RSA certificate of a signing (or unqualified) KeyDescriptor.
    /// </summary>
    public static IdentityProviderDescription ReadIdentityProvider(string? xml, int maxLength)
    {
        const string field = "metadata_xml";
        if (string.IsNullOrWhiteSpace(xml))
        {
            throw SamlXml.Refuse(IdentityErrors.SamlMetadataMalformed, field);
        }

        if (xml.Length > maxLength)
        {
            throw SamlXml.Refuse(IdentityErrors.SamlMetadataMalformed, field);
        }

        var document = SamlXml.Load(xml, IdentityErrors.SamlMetadataMalformed, field);
        var root = document.DocumentElement!;
        var entityId = root.Attribute("entityID");
        var idp = root.Child(SamlXml.Metadata, "IDPSSODescriptor");
        if (root.NamespaceURI != SamlXml.Metadata || root.LocalName != "EntityDescriptor" || string.IsNullOrWhiteSpace(entityId) || entityId.Length > 1024 || idp is null)
        {
            throw SamlXml.Refuse(IdentityErrors.SamlMetadataMalformed, field);
        }

        var ssoUrl = idp.Children(SamlXml.Metadata, "SingleSignOnService")
            .Where(s => s.Attribute("Binding") == SamlXml.HttpRedirectBinding)
            .Select(s => s.Attribute("Location"))
            .FirstOrDefault(IsHttpUrl);
        if (ssoUrl is null || ssoUrl.Length > 2048)
        {
            throw SamlXml.Refuse(IdentityErrors.SamlMetadataNoSsoService, field);
        }

        var certificates = idp.Children(SamlXml.Metadata, "KeyDescriptor")
            .Where(k => k.Attribute("use") is null or "signing")
            .SelectMany(k => k.Descendants(SamlXml.XmlDsig, "X509Certificate"))
            .Select(c => ReadCertificate(c.InnerText))
            .ToList();
        if (certificates.Count == 0 || certificates.Any(c => c is null))
        {
            throw SamlXml.Refuse(IdentityErrors.SamlMetadataNoCertificate, field);
        }

        return new IdentityProviderDescription(entityId, ssoUrl, certificates!);
    }

    /// <summary>A certificate's SHA-256 thumbprint, as the audit trail and the events name it.</summary>
    public static string Thumbprint(X509Certificate2 certificate) => certificate.GetCertHashString(HashAlgorithmName.SHA256);

    private static X509Certificate2? ReadCertificate(string base64)
    {
        try
        {
            var certificate = X509CertificateLoader.LoadCertificate(Convert.FromBase64String(string.Concat(base64.Where(c => !char.IsWhiteSpace(c)))));
            using var rsa = certificate.GetRSAPublicKey();
            return rsa is { KeySize: >= 2048 } ? certificate : null;
        }
        catch (Exception ex) when (ex is FormatException or CryptographicException)
        {
            return null;
        }
    }

    private static bool IsHttpUrl(string? value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);
}

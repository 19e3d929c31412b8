using System.Xml;
using PartnerPlatform.ServiceDefaults;

namespace Identity.Api.Application.Sso;

/// <summary>SAML 2.0 names and the one safe way this service reads a SAML document.</summary>
public static class SamlXml
{
    public const string Protocol = "urn:oasis:names:tc:SAML:2.0:protocol";
    public const string Assertion = "urn:oasis:names:tc:SAML:2.0:assertion";
    public const string Metadata = "urn:oasis:names:tc:SAML:2.0:metadata";
    public const string XmlDsig = "http://www.w3.org/2000/09/xmldsig#";
    public const string HttpPostBinding = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST";
    public const string HttpRedirectBinding = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect";
    public const string PersistentNameId = "urn:oasis:names:tc:SAML:2.0:nameid-format:persistent";
    public const string BearerConfirmation = "urn:oasis:names:tc:SAML:2.0:cm:bearer";
    public const string StatusSuccess = "urn:oasis:names:tc:SAML:2.0:status:Success";
    public const string RsaSha256 = "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256";

    /// <summary>
    /// Loads a document with whitespace preserved (signatures depend on it), no DTD (a document type
    /// declaration is refused: no entity expansion, no external entities) and no resolver.
    /// </summary>
    public static XmlDocument Load(string xml, ErrorCode malformed, string? field = null)
    {
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            IgnoreComments = false,
            MaxCharactersInDocument = 1_000_000,
        };
        var document = new XmlDocument { PreserveWhitespace = true, XmlResolver = null };
        try
        {
            using var reader = XmlReader.Create(new StringReader(xml), settings);
            document.Load(reader);
            return document;
        }
        catch (XmlException) when (xml.Contains("<!DOCTYPE", StringComparison.OrdinalIgnoreCase))
        {
            throw Refuse(IdentityErrors.SamlDtdRefused, field);
        }
        catch (XmlException)
        {
            throw Refuse(malformed, field);
        }
    }

    public static ApiException Refuse(ErrorCode error, string? field) =>
        field is null ? new ApiException(error) : FieldValidation.Refuse(error, field);

    public static IEnumerable<XmlElement> Children(this XmlElement parent, string namespaceUri, string localName) =>
        parent.ChildNodes.OfType<XmlElement>().Where(e => e.NamespaceURI == namespaceUri && e.LocalName == localName);

    public static XmlElement? Child(this XmlElement parent, string namespaceUri, string localName) =>
        parent.Children(namespaceUri, localName).FirstOrDefault();

    public static IEnumerable<XmlElement> Descendants(this XmlNode node, string namespaceUri, string localName) =>
        node.SelectNodes("descendant::*")!.OfType<XmlElement>().Where(e => e.NamespaceURI == namespaceUri && e.LocalName == localName);

    public static string? Attribute(this XmlElement element, string name) =>
        element.HasAttribute(name) ? element.GetAttribute(name) : null;
}

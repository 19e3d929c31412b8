using System.Globalization;
using System.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Security.Cryptography.Xml;
using System.Text;
using System.Xml;
namespace PartnerPlatform.Testing;

/// <summary>
/// A SAML identity provider of the tests' own: real RSA keys, metadata, and Responses signed with
/// <see cref="SignedXml"/> (enveloped, exclusive canonicalisation, RSA-SHA256), which a test can
/// then alter to see the service refuse them.
/// </summary>
public sealed class TestIdentityProvider : IDisposable
{
    private const string AssertionNamespace = "urn:oasis:names:tc:SAML:2.0:assertion";
    private const string RsaSha256 = "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256";

    public TestIdentityProvider(string? entityId = null)
    {
        EntityId = entityId ?? "https://idp-" + Guid.NewGuid().ToString("N")[..8] + ".partner.test/saml";
        Key = RSA.Create(2048);
        Certificate = new CertificateRequest("CN=Test identity provider", Key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)
            .CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
    }

    public string EntityId { get; }

    public string SingleSignOnUrl => EntityId + "/sso";

    public RSA Key { get; }

    public X509Certificate2 Certificate { get; }

    public string Metadata() =>
        $"""
         <?xml version="1.0" encoding="UTF-8"?>
         <md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" xmlns:ds="http://www.w3.org/2000/09/xmldsig#" entityID="{EntityId}">
           <md:IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">
             <md:KeyDescriptor use="signing">
               <ds:KeyInfo><ds:X509Data><ds:X509Certificate>{Convert.ToBase64String(Certificate.RawData)}</ds:X509Certificate></ds:X509Data></ds:KeyInfo>
             </md:KeyDescriptor>
             <md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" Location="{SingleSignOnUrl}/post"/>
             <md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="{SingleSignOnUrl}"/>
           </md:IDPSSODescriptor>
         </md:EntityDescriptor>
         """;

    /// <summary>An unsigned Response as this provider would issue it for <paramref name="assertion"/>.</summary>
    public XmlDocument Response(AssertionSpec assertion)
    {
        var issueInstant = Instant(assertion.IssuedAt);
        var attributes = string.Concat(assertion.Attributes.Select(a =>
            $"""<saml:Attribute Name="{a.Key}"><saml:AttributeValue>{SecurityElement.Escape(a.Value)}</saml:AttributeValue></saml:Attribute>"""));
        var notBefore = assertion.NotBefore is { } start ? $""" NotBefore="{Instant(start)}" """ : " ";
        var xml =
            $"""
             <samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="{assertion.ResponseId}" Version="2.0" IssueInstant="{issueInstant}" Destination="{assertion.Destination}" InResponseTo="{assertion.InResponseTo}"><saml:Issuer>{EntityId}</saml:Issuer><samlp:Status><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Success"/></samlp:Status><saml:Assertion ID="{assertion.AssertionId}" Version="2.0" IssueInstant="{issueInstant}"><saml:Issuer>{EntityId}</saml:Issuer><saml:Subject><saml:NameID Format="urn:oasis:names:tc:SAML:2.0:nameid-format:persistent">{assertion.NameId}</saml:NameID><saml:SubjectConfirmation Method="urn:oasis:names:tc:SAML:2.0:cm:bearer"><saml:SubjectConfirmationData InResponseTo="{assertion.InResponseTo}" Recipient="{assertion.Recipient}" NotOnOrAfter="{Instant(assertion.NotOnOrAfter)}"/></saml:SubjectConfirmation></saml:Subject><saml:Conditions{notBefore}NotOnOrAfter="{Instant(assertion.NotOnOrAfter)}"><saml:AudienceRestriction><saml:Audience>{assertion.Audience}</saml:Audience></saml:AudienceRestriction></saml:Conditions><saml:AuthnStatement AuthnInstant="{issueInstant}"><saml:AuthnContext><saml:AuthnContextClassRef>urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport</saml:AuthnContextClassRef></saml:AuthnContext></saml:AuthnStatement><saml:AttributeStatement>{attributes}</saml:AttributeStatement></saml:Assertion></samlp:Response>
             """;
        var document = new XmlDocument { PreserveWhitespace = true };
        document.LoadXml(xml);
        return document;
    }

    /// <summary>The Response with its Assertion signed by <paramref name="key"/> (this provider's key when null).</summary>
    public XmlDocument SignedResponse(AssertionSpec assertion, RSA? key = null)
    {
        var document = Response(assertion);
        Sign(AssertionOf(document), key ?? Key);
        return document;
    }

    /// <summary>Signs <paramref name="element"/> (enveloped, placed after its Issuer as the SAML schema wants).</summary>
    public void Sign(XmlElement element, RSA? key = null)
    {
        var signedXml = new SignedXml(element.OwnerDocument) { SigningKey = key ?? Key };
        signedXml.SignedInfo!.CanonicalizationMethod = SignedXml.XmlDsigExcC14NTransformUrl;
        signedXml.SignedInfo.SignatureMethod = RsaSha256;
        var reference = new Reference("#" + element.GetAttribute("ID")) { DigestMethod = SignedXml.XmlDsigSHA256Url };
        reference.AddTransform(new XmlDsigEnvelopedSignatureTransform());
        reference.AddTransform(new XmlDsigExcC14NTransform());
        signedXml.AddReference(reference);
        var keyInfo = new KeyInfo();
        keyInfo.AddClause(new KeyInfoX509Data(Certificate));
        signedXml.KeyInfo = keyInfo;
        signedXml.ComputeSignature();
        var issuer = element.ChildNodes.OfType<XmlElement>().First(e => e.LocalName == "Issuer");
        element.InsertAfter(element.OwnerDocument.ImportNode(signedXml.GetXml(), deep: true), issuer);
    }

    public static XmlElement AssertionOf(XmlDocument document) =>
        (XmlElement)document.GetElementsByTagName("Assertion", AssertionNamespace)[0]!;

    /// <summary>The form value of the HTTP-POST binding.</summary>
    public static string Encode(XmlDocument document) => Encode(document.OuterXml);

    public static string Encode(string xml) => Convert.ToBase64String(Encoding.UTF8.GetBytes(xml));

    public void Dispose()
    {
        Certificate.Dispose();
        Key.Dispose();
    }

    private static string Instant(DateTimeOffset instant) => instant.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);
}

/// <summary>What an assertion says; each test changes the one thing it is about.</summary>
public sealed record AssertionSpec(
    string InResponseTo,
    string Audience,
    string Recipient,
    string Destination,
    string NameId,
    DateTimeOffset IssuedAt,
    DateTimeOffset? NotBefore,
    DateTimeOffset NotOnOrAfter,
    IReadOnlyDictionary<string, string> Attributes)
{
    public string ResponseId { get; init; } = "_r" + Guid.NewGuid().ToString("N");

    public string AssertionId { get; init; } = "_a" + Guid.NewGuid().ToString("N");

    /// <summary>A valid assertion for a pending request, issued now, about a new person with every attribute.</summary>
    public static AssertionSpec Valid(string requestId, string entityId, string acsUrl, DateTimeOffset now)
    {
        var unique = Guid.NewGuid().ToString("N");
        return new AssertionSpec(
            requestId,
            entityId,
            acsUrl,
            acsUrl,
            "emp-" + unique,
            now,
            now.AddMinutes(-1),
            now.AddMinutes(5),
            new Dictionary<string, string>
            {
                ["domain_name"] = "sso-" + unique[..16],
                ["name"] = "Li Lei",
                ["email"] = "li." + unique[..12] + "@partner.test",
                ["mobile"] = "0086-13" + string.Concat(RandomNumberGenerator.GetBytes(9).Select(b => (char)('0' + b % 10))),
            });
    }
}

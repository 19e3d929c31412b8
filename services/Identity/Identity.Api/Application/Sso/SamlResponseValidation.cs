using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Security.Cryptography.Xml;
using System.Text;
using System.Xml;
using Identity.Api.Domain.Sso;
using PartnerPlatform.ServiceDefaults;

namespace Identity.Api.Application.Sso;

/// <summary>
/// Reads and verifies a SAML Response posted to the ACS (ADR 0042). Only what a verified signature
/// covers is read: the signature must sit on the Response or on its one Assertion, reference that
/// element by an ID no other element of the document carries, and verify with one of the partner's
/// uploaded certificates. Then the issuer, status, audience, recipient, destination, validity
/// window and InResponseTo are checked.
/// </summary>
public static class SamlResponseValidation
{
    private static readonly HashSet<string> AllowedSignatureMethods =
        [SamlXml.RsaSha256, "http://www.w3.org/2001/04/xmldsig-more#rsa-sha512"];

    private static readonly HashSet<string> AllowedTransforms =
        [SignedXml.XmlDsigEnvelopedSignatureTransformUrl, SignedXml.XmlDsigExcC14NTransformUrl, SignedXml.XmlDsigExcC14NWithCommentsTransformUrl];

    private static readonly string[] IdAttributeNames = ["ID", "Id", "id"];

    /// <summary>A Response whose shape was checked, not yet its signature.</summary>
    public sealed record ReceivedResponse(XmlDocument Document, XmlElement Response, XmlElement Assertion, string InResponseTo);

    /// <summary>What a verified assertion says.</summary>
    public sealed record VerifiedAssertion(
        string IdentityProviderEntityId, string AssertionId, DateTimeOffset NotOnOrAfter, string NameId, IReadOnlyDictionary<string, string> Attributes);

    /// <summary>Decodes the form's SAMLResponse and checks its shape: a SAML 2.0 Response with exactly one Assertion, answering a request.</summary>
    public static ReceivedResponse Read(string? samlResponse, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(samlResponse) || samlResponse.Length > maxLength * 4 / 3 + 4)
        {
            throw new ApiException(IdentityErrors.SamlResponseMalformed);
        }

        string xml;
        try
        {
            xml = Encoding.UTF8.GetString(Convert.FromBase64String(samlResponse));
        }
        catch (FormatException)
        {
            throw new ApiException(IdentityErrors.SamlResponseMalformed);
        }

        var document = SamlXml.Load(xml, IdentityErrors.SamlResponseMalformed);
        var response = document.DocumentElement!;
        if (response.NamespaceURI != SamlXml.Protocol || response.LocalName != "Response" || response.Attribute("Version") != "2.0")
        {
            throw new ApiException(IdentityErrors.SamlResponseMalformed);
        }

        if (document.Descendants(SamlXml.Assertion, "EncryptedAssertion").Any())
        {
            throw new ApiException(IdentityErrors.SamlResponseMalformed, "Encrypted assertions are not accepted.");
        }

        // One assertion, and it is the Response's own child: a second one anywhere (hidden in an
        // extension, an Object of the signature, …) is the shape of a signature-wrapping attempt.
        var assertions = document.Descendants(SamlXml.Assertion, "Assertion").ToList();
        if (assertions.Count > 1 || (assertions.Count == 1 && assertions[0].ParentNode != response))
        {
            throw new ApiException(IdentityErrors.SamlSignedElementMismatch);
        }

        if (assertions.Count == 0)
        {
            throw new ApiException(IdentityErrors.SamlResponseMalformed);
        }

        var inResponseTo = response.Attribute("InResponseTo");
        if (string.IsNullOrEmpty(inResponseTo) || inResponseTo.Length > 64)
        {
            throw new ApiException(IdentityErrors.SamlUnknownRequest);
        }

        return new ReceivedResponse(document, response, assertions[0], inResponseTo);
    }

    /// <summary>Verifies the signature with the partner's certificates, then every condition.</summary>
    public static VerifiedAssertion Verify(ReceivedResponse received, SamlIdentityProvider provider, SamlOptions options, DateTimeOffset now)
    {
        var (document, response, assertion, inResponseTo) = received;
        var certificates = provider.SigningCertificates.Select(c => X509CertificateLoader.LoadCertificate(Convert.FromBase64String(c))).ToList();
        try
        {
            VerifySignatures(document, response, assertion, certificates);
        }
        finally
        {
            certificates.ForEach(c => c.Dispose());
        }

        var responseIssuer = response.Child(SamlXml.Assertion, "Issuer")?.InnerText.Trim();
        var assertionIssuer = assertion.Child(SamlXml.Assertion, "Issuer")?.InnerText.Trim();
        if (assertionIssuer != provider.EntityId || (responseIssuer is not null && responseIssuer != provider.EntityId))
        {
            throw new ApiException(IdentityErrors.SamlIssuerMismatch);
        }

        var statusCode = response.Child(SamlXml.Protocol, "Status")?.Child(SamlXml.Protocol, "StatusCode")?.Attribute("Value");
        if (statusCode != SamlXml.StatusSuccess)
        {
            throw new ApiException(IdentityErrors.SamlStatusNotSuccess);
        }

        if (response.Attribute("Destination") is { } destination && destination != options.AcsUrl)
        {
            throw new ApiException(IdentityErrors.SamlRecipientMismatch);
        }

        var conditions = assertion.Child(SamlXml.Assertion, "Conditions") ?? throw new ApiException(IdentityErrors.SamlResponseMalformed, "The assertion has no Conditions.");
        var audiences = conditions.Children(SamlXml.Assertion, "AudienceRestriction").ToList();
        if (audiences.Count == 0 || !audiences.All(r => r.Children(SamlXml.Assertion, "Audience").Any(a => a.InnerText.Trim() == options.ResolvedEntityId)))
        {
            throw new ApiException(IdentityErrors.SamlAudienceMismatch);
        }

        var subject = assertion.Child(SamlXml.Assertion, "Subject") ?? throw new ApiException(IdentityErrors.SamlResponseMalformed, "The assertion has no Subject.");
        var confirmation = subject.Children(SamlXml.Assertion, "SubjectConfirmation")
            .Where(c => c.Attribute("Method") == SamlXml.BearerConfirmation)
            .Select(c => c.Child(SamlXml.Assertion, "SubjectConfirmationData"))
            .FirstOrDefault(d => d is not null) ?? throw new ApiException(IdentityErrors.SamlResponseMalformed, "The assertion has no bearer SubjectConfirmationData.");
        if (confirmation.Attribute("Recipient") != options.AcsUrl)
        {
            throw new ApiException(IdentityErrors.SamlRecipientMismatch);
        }

        if (confirmation.Attribute("InResponseTo") != inResponseTo)
        {
            throw new ApiException(IdentityErrors.SamlUnknownRequest);
        }

        var notBefore = Instant(conditions.Attribute("NotBefore"));
        var notOnOrAfter = Earliest(Instant(conditions.Attribute("NotOnOrAfter")), Instant(confirmation.Attribute("NotOnOrAfter")))
            ?? throw new ApiException(IdentityErrors.SamlResponseMalformed, "The assertion has no NotOnOrAfter.");
        if (notBefore is { } start && now + options.ClockSkew < start)
        {
            throw new ApiException(IdentityErrors.SamlNotYetValid);
        }

        if (now - options.ClockSkew >= notOnOrAfter)
        {
            throw new ApiException(IdentityErrors.SamlExpired);
        }

        var assertionId = assertion.Attribute("ID");
        var nameId = subject.Child(SamlXml.Assertion, "NameID")?.InnerText.Trim();
        if (string.IsNullOrEmpty(assertionId) || assertionId.Length > 256 || string.IsNullOrEmpty(nameId) || nameId.Length > 128)
        {
            throw new ApiException(IdentityErrors.SamlAttributeInvalid, "The assertion needs an ID and a NameID of at most 128 characters.");
        }

        return new VerifiedAssertion(provider.EntityId, assertionId, notOnOrAfter + options.ClockSkew, nameId, Attributes(assertion));
    }

    private static void VerifySignatures(XmlDocument document, XmlElement response, XmlElement assertion, IReadOnlyList<X509Certificate2> certificates)
    {
        var responseSignature = response.Child(SamlXml.XmlDsig, "Signature");
        var assertionSignature = assertion.Child(SamlXml.XmlDsig, "Signature");
        if (responseSignature is null && assertionSignature is null)
        {
            throw new ApiException(IdentityErrors.SamlResponseUnsigned);
        }

        if (responseSignature is not null)
        {
            VerifySignature(document, response, responseSignature, certificates);
        }

        if (assertionSignature is not null)
        {
            VerifySignature(document, assertion, assertionSignature, certificates);
        }
    }

    /// <summary>The signature covers exactly <paramref name="signed"/> (one reference, to its unique ID) and verifies with one of the certificates.</summary>
    private static void VerifySignature(XmlDocument document, XmlElement signed, XmlElement signatureElement, IReadOnlyList<X509Certificate2> certificates)
    {
        var id = signed.Attribute("ID");
        if (string.IsNullOrEmpty(id) || ElementsWithId(document, id) != 1)
        {
            throw new ApiException(IdentityErrors.SamlSignedElementMismatch);
        }

        var signedXml = new SignedXml(document);
        try
        {
            signedXml.LoadXml(signatureElement);
        }
        catch (CryptographicException)
        {
            throw new ApiException(IdentityErrors.SamlSignatureInvalid);
        }

        if (signedXml.SignedInfo is not { References.Count: 1 } signedInfo || signedInfo.References[0] is not Reference reference || reference.Uri != "#" + id)
        {
            throw new ApiException(IdentityErrors.SamlSignedElementMismatch);
        }

        if (!AllowedSignatureMethods.Contains(signedInfo.SignatureMethod ?? "")
            || Enumerable.Range(0, reference.TransformChain.Count).Any(i => !AllowedTransforms.Contains(reference.TransformChain[i].Algorithm ?? "")))
        {
            throw new ApiException(IdentityErrors.SamlSignatureInvalid, "Only RSA-SHA256/512 signatures with the enveloped and exclusive canonicalisation transforms are accepted.");
        }

        foreach (var certificate in certificates)
        {
            using var publicKey = certificate.GetRSAPublicKey();
            try
            {
                if (publicKey is not null && signedXml.CheckSignature(publicKey))
                {
                    return;
                }
            }
            catch (CryptographicException)
            {
                throw new ApiException(IdentityErrors.SamlSignatureInvalid);
            }
        }

        throw new ApiException(IdentityErrors.SamlSignatureInvalid);
    }

    private static int ElementsWithId(XmlDocument document, string id) =>
        document.SelectNodes("//*")!.OfType<XmlElement>().Count(e => IdAttributeNames.Any(name => e.GetAttribute(name) == id));

    /// <summary>The assertion's attributes by name (the first value of each).</summary>
    private static Dictionary<string, string> Attributes(XmlElement assertion)
    {
        var attributes = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var attribute in assertion.Children(SamlXml.Assertion, "AttributeStatement").SelectMany(s => s.Children(SamlXml.Assertion, "Attribute")))
        {
            var name = attribute.Attribute("Name");
            var value = attribute.Child(SamlXml.Assertion, "AttributeValue")?.InnerText.Trim();
            if (!string.IsNullOrEmpty(name) && !string.IsNullOrEmpty(value))
            {
                attributes.TryAdd(name, value);
            }
        }

        return attributes;
    }

    private static DateTimeOffset? Instant(string? value) =>
        value is null ? null
        : DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var instant) ? instant
        : throw new ApiException(IdentityErrors.SamlResponseMalformed, "A time of the assertion is not an xs:dateTime.");

    private static DateTimeOffset? Earliest(DateTimeOffset? first, DateTimeOffset? second) =>
        first is null ? second : second is null ? first : first < second ? first : second;
}

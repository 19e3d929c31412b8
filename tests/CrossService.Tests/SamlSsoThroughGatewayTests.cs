using System.IO.Compression;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using System.Xml;
using CrossService.Tests.Support;
using PartnerPlatform.Testing;

namespace CrossService.Tests;

/// <summary>
/// Partner SSO over SAML 2.0 as a browser and the partner's identity provider meet it: every step
/// through the gateway's routes to the real identity-api; the identity provider is
/// <see cref="TestIdentityProvider"/> with a real RSA key.
/// </summary>
public sealed class SamlSsoThroughGatewayTests(PartnerCenter center) : IClassFixture<PartnerCenter>, IDisposable
{
    private readonly TestIdentityProvider _idp = new();

    public void Dispose() => _idp.Dispose();

    [Fact]
    public async Task A_partners_customer_signs_in_through_its_identity_provider_via_the_gateway_and_a_replayed_response_is_refused()
    {
        var serviceProvider = await ServiceProviderMetadataAsync();
        var partner = await PartnerWithIdentityProviderAsync();

        using var login = await center.GetAsync($"/v2/sso/saml/{partner.PartnerId}/login?relay_state=cart-42");
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        var location = login.Headers.Location!;
        Assert.StartsWith(_idp.SingleSignOnUrl + "?", location.OriginalString, StringComparison.Ordinal);
        var parameters = location.Query.TrimStart('?').Split('&');
        var values = parameters.Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => Uri.UnescapeDataString(p[1]));
        var signedPart = string.Join('&', parameters.Where(p => !p.StartsWith("Signature=", StringComparison.Ordinal)));
        using (var certificate = PartnerCenter.CertificateOf(center.ServiceProviderCertificatePem))
        using (var publicKey = certificate.GetRSAPublicKey()!)
        {
            Assert.True(publicKey.VerifyData(
                Encoding.UTF8.GetBytes(signedPart), Convert.FromBase64String(values["Signature"]), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
        }

        Assert.Equal("cart-42", values["RelayState"]);
        var authnRequest = Inflate(values["SAMLRequest"]).DocumentElement!;
        Assert.Equal("AuthnRequest", authnRequest.LocalName);
        Assert.Equal(serviceProvider.AcsUrl, authnRequest.GetAttribute("AssertionConsumerServiceURL"));

        var spec = ValidSpec(authnRequest.GetAttribute("ID"), serviceProvider);
        var form = new Dictionary<string, string> { ["SAMLResponse"] = TestIdentityProvider.Encode(_idp.SignedResponse(spec)), ["RelayState"] = "cart-42" };
        using var acs = await center.PostFormAsync("/v2/sso/saml/acs", form);

        Assert.Equal(HttpStatusCode.Redirect, acs.StatusCode);
        var signedIn = acs.Headers.Location!;
        Assert.StartsWith(PartnerCenter.FrontendSignInUrl + "?code=", signedIn.OriginalString, StringComparison.Ordinal);
        Assert.EndsWith("&relay_state=cart-42", signedIn.OriginalString, StringComparison.Ordinal);
        var code = Uri.UnescapeDataString(signedIn.Query.TrimStart('?').Split('&').Select(p => p.Split('=', 2)).Single(p => p[0] == "code")[1]);

        var tokens = await (await center.PostAsync("/v2/sso/saml/exchange", new { code })).IsSuccess();
        var accessToken = tokens.GetProperty("access_token").GetString()!;
        var me = await (await center.GetAsync("/v2/auth/me", accessToken)).IsSuccess();
        Assert.Equal(JsonValueKind.Null, me.GetProperty("partner_id").ValueKind);
        Assert.NotEqual(Guid.Empty, me.GetProperty("customer_id").GetGuid());
        await Eventually.HoldsAsync(
            async () =>
            {
                using var association = await center.GetAsync("/v2/partners/sub-customers/me/association", accessToken);
                return association.IsSuccessStatusCode
                    && JsonDocument.Parse(await association.Content.ReadAsStringAsync()).RootElement.GetProperty("partner_id").GetGuid() == partner.PartnerId;
            },
            TimeSpan.FromSeconds(20),
            "the customer signed in through SSO is associated with the partner");

        var refreshed = await (await center.PostAsync("/v2/auth/refresh", new { refresh_token = tokens.GetProperty("refresh_token").GetString() })).IsSuccess();
        Assert.False(string.IsNullOrEmpty(refreshed.GetProperty("access_token").GetString()));

        await (await center.PostAsync("/v2/sso/saml/exchange", new { code })).IsProblem(HttpStatusCode.BadRequest, "CBC.99001047");
        await (await center.PostFormAsync("/v2/sso/saml/acs", form)).IsProblem(HttpStatusCode.Unauthorized, "CBC.99001044");
    }

    [Theory]
    [InlineData("signed_by_another_key", "CBC.99001037")]
    [InlineData("wrong_audience", "CBC.99001039")]
    [InlineData("expired", "CBC.99001041")]
    public async Task A_response_failing_a_check_is_refused_at_the_gateway_with_its_code(string defect, string errorCode)
    {
        var serviceProvider = await ServiceProviderMetadataAsync();
        var partner = await PartnerWithIdentityProviderAsync();
        var valid = ValidSpec(await StartLoginAsync(partner.PartnerId), serviceProvider);
        var now = DateTimeOffset.UtcNow;
        using var stranger = RSA.Create(2048);
        var response = defect switch
        {
            "signed_by_another_key" => _idp.SignedResponse(valid, stranger),
            "wrong_audience" => _idp.SignedResponse(valid with { Audience = "https://someone-else.test/sp" }),
            "expired" => _idp.SignedResponse(valid with { IssuedAt = now.AddMinutes(-20), NotBefore = now.AddMinutes(-20), NotOnOrAfter = now.AddMinutes(-5) }),
            _ => throw new ArgumentOutOfRangeException(nameof(defect)),
        };

        await (await center.PostFormAsync("/v2/sso/saml/acs", new Dictionary<string, string> { ["SAMLResponse"] = TestIdentityProvider.Encode(response) }))
            .IsProblem(HttpStatusCode.Unauthorized, errorCode);
    }

    /// <summary>The service provider's metadata, downloaded anonymously through the gateway as an identity provider's administrator does.</summary>
    private async Task<(string EntityId, string AcsUrl)> ServiceProviderMetadataAsync()
    {
        using var response = await center.GetAsync("/v2/sso/saml/metadata");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/samlmetadata+xml", response.Content.Headers.ContentType?.MediaType);
        var metadata = new XmlDocument();
        metadata.LoadXml(await response.Content.ReadAsStringAsync());
        var names = new XmlNamespaceManager(metadata.NameTable);
        names.AddNamespace("md", "urn:oasis:names:tc:SAML:2.0:metadata");
        names.AddNamespace("ds", "http://www.w3.org/2000/09/xmldsig#");
        var entityId = metadata.DocumentElement!.GetAttribute("entityID");
        Assert.Equal(PartnerCenter.PublicBaseUrl + "/v2/sso/saml/metadata", entityId);
        var acs = (XmlElement)metadata.SelectSingleNode("/md:EntityDescriptor/md:SPSSODescriptor/md:AssertionConsumerService", names)!;
        Assert.Equal(PartnerCenter.PublicBaseUrl + "/v2/sso/saml/acs", acs.GetAttribute("Location"));
        using var certificate = PartnerCenter.CertificateOf(center.ServiceProviderCertificatePem);
        Assert.Equal(
            Convert.ToBase64String(certificate.RawData),
            metadata.SelectSingleNode("//md:KeyDescriptor[@use='signing']//ds:X509Certificate", names)!.InnerText);
        return (entityId, acs.GetAttribute("Location"));
    }

    /// <summary>A partner whose administrator uploaded the identity provider's metadata through the gateway.</summary>
    private async Task<PartnerAccount> PartnerWithIdentityProviderAsync()
    {
        var partner = await center.RegisterPartnerAsync();
        var configured = await (await center.PutAsync("/v2/partners/sso/saml", new { metadata_xml = _idp.Metadata() }, partner.Token)).IsSuccess();
        Assert.Equal(_idp.EntityId, configured.GetProperty("entity_id").GetString());
        Assert.Equal($"/v2/sso/saml/{partner.PartnerId}/login", configured.GetProperty("login_path").GetString());
        var read = await (await center.GetAsync("/v2/partners/sso/saml", partner.Token)).IsSuccess();
        Assert.Equal(_idp.SingleSignOnUrl, read.GetProperty("single_sign_on_url").GetString());
        return partner;
    }

    private async Task<string> StartLoginAsync(Guid partnerId)
    {
        using var response = await center.GetAsync($"/v2/sso/saml/{partnerId}/login");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var samlRequest = response.Headers.Location!.Query.TrimStart('?').Split('&').Select(p => p.Split('=', 2)).Single(p => p[0] == "SAMLRequest")[1];
        return Inflate(Uri.UnescapeDataString(samlRequest)).DocumentElement!.GetAttribute("ID");
    }

    private static AssertionSpec ValidSpec(string requestId, (string EntityId, string AcsUrl) serviceProvider) =>
        AssertionSpec.Valid(requestId, serviceProvider.EntityId, serviceProvider.AcsUrl, DateTimeOffset.UtcNow);

    private static XmlDocument Inflate(string base64)
    {
        using var deflate = new DeflateStream(new MemoryStream(Convert.FromBase64String(base64)), CompressionMode.Decompress);
        using var reader = new StreamReader(deflate, Encoding.UTF8);
        var document = new XmlDocument();
        document.LoadXml(reader.ReadToEnd());
        return document;
    }
}

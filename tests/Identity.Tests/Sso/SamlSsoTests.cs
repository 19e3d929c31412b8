using System.IO.Compression;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using System.Xml;
using Identity.Api.Data;
using Identity.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Identity.Tests.Sso;

public sealed class SamlSsoTests(SsoApiFactory factory) : IClassFixture<SsoApiFactory>, IDisposable
{
    private readonly HttpClient _browser = new(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = factory.BaseAddress };
    private readonly List<TestIdentityProvider> _providers = [];

    private Scenario Api => factory.Api;

    public void Dispose()
    {
        _browser.Dispose();
        _providers.ForEach(p => p.Dispose());
    }

    [Fact]
    public async Task The_service_provider_metadata_names_the_entity_id_the_acs_and_the_signing_certificate()
    {
        using var response = await _browser.GetAsync("/v2/sso/saml/metadata");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/samlmetadata+xml", response.Content.Headers.ContentType?.MediaType);
        var metadata = new XmlDocument();
        metadata.LoadXml(await response.Content.ReadAsStringAsync());
        var names = Namespaces(metadata);
        Assert.Equal(SsoApiFactory.EntityId, metadata.DocumentElement!.GetAttribute("entityID"));
        var acs = (XmlElement)metadata.SelectSingleNode("/md:EntityDescriptor/md:SPSSODescriptor/md:AssertionConsumerService", names)!;
        Assert.Equal(SsoApiFactory.AcsUrl, acs.GetAttribute("Location"));
        Assert.Equal("urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST", acs.GetAttribute("Binding"));
        Assert.Equal("true", ((XmlElement)metadata.SelectSingleNode("//md:SPSSODescriptor", names)!).GetAttribute("AuthnRequestsSigned"));
        var certificate = metadata.SelectSingleNode("//md:KeyDescriptor[@use='signing']//ds:X509Certificate", names)!.InnerText;
        using var expected = X509Certificate2.CreateFromPem(factory.ServiceProviderCertificatePem);
        Assert.Equal(Convert.ToBase64String(expected.RawData), certificate);
    }

    [Fact]
    public async Task A_partner_administrator_uploads_its_identity_provider_reads_it_back_and_removes_it_with_an_audit_trail()
    {
        var partner = await Api.RegisterPartnerAsync();
        var idp = NewProvider();

        var configured = await (await Api.PutAsync("/v2/partners/sso/saml", new { metadata_xml = idp.Metadata() }, partner.Token)).IsSuccess();
        Assert.Equal(idp.EntityId, configured.GetProperty("entity_id").GetString());
        Assert.Equal(idp.SingleSignOnUrl, configured.GetProperty("single_sign_on_url").GetString());
        Assert.Equal(
            idp.Certificate.GetCertHashString(HashAlgorithmName.SHA256),
            Assert.Single(configured.GetProperty("certificate_thumbprints").EnumerateArray()).GetString());
        Assert.Equal($"/v2/sso/saml/{partner.PartnerId}/login", configured.GetProperty("login_path").GetString());

        var read = await (await Api.GetAsync("/v2/partners/sso/saml", partner.Token)).IsSuccess();
        Assert.Equal(idp.EntityId, read.GetProperty("entity_id").GetString());
        Assert.Equal(1, await factory.CountOutboxAsync("PartnerSamlIdentityProviderConfigured", partner.PartnerId));

        await (await Api.DeleteAsync("/v2/partners/sso/saml", partner.Token)).IsSuccess(HttpStatusCode.NoContent);
        await (await Api.GetAsync("/v2/partners/sso/saml", partner.Token)).IsProblem(HttpStatusCode.NotFound, "CBC.99001030");
        await (await _browser.GetAsync($"/v2/sso/saml/{partner.PartnerId}/login")).IsProblem(HttpStatusCode.NotFound, "CBC.99001030");
        Assert.Equal(1, await factory.CountOutboxAsync("PartnerSamlIdentityProviderRemoved", partner.PartnerId));

        var changes = await (await Api.GetAsync("/v2/partners/sso/saml/changes?limit=10", partner.Token)).IsSuccess();
        Assert.Equal(2, changes.GetProperty("total_count").GetInt32());
        Assert.Equal(["removed", "configured"], changes.GetProperty("changes").EnumerateArray().Select(c => c.GetProperty("action").GetString()));
    }

    [Theory]
    [InlineData("dtd", "CBC.99001032")]
    [InlineData("not_xml", "CBC.99001031")]
    [InlineData("not_an_identity_provider", "CBC.99001031")]
    [InlineData("no_certificate", "CBC.99001033")]
    [InlineData("not_a_certificate", "CBC.99001033")]
    [InlineData("no_redirect_binding", "CBC.99001034")]
    public async Task Identity_provider_metadata_that_is_unsafe_or_incomplete_is_refused_with_its_code(string defect, string errorCode)
    {
        var partner = await Api.RegisterPartnerAsync();
        var idp = NewProvider();
        var metadata = idp.Metadata();
        var certificate = Convert.ToBase64String(idp.Certificate.RawData);
        metadata = defect switch
        {
            "dtd" => metadata.Replace(
                "<md:EntityDescriptor",
                "<!DOCTYPE md:EntityDescriptor [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]><md:EntityDescriptor",
                StringComparison.Ordinal).Replace("</md:IDPSSODescriptor>", "&xxe;</md:IDPSSODescriptor>", StringComparison.Ordinal),
            "not_xml" => metadata[..^30],
            "not_an_identity_provider" => metadata.Replace("IDPSSODescriptor", "SPSSODescriptor", StringComparison.Ordinal),
            "no_certificate" => metadata.Replace("use=\"signing\"", "use=\"encryption\"", StringComparison.Ordinal),
            "not_a_certificate" => metadata.Replace(certificate, Convert.ToBase64String(Encoding.UTF8.GetBytes("not a certificate")), StringComparison.Ordinal),
            "no_redirect_binding" => metadata.Replace("bindings:HTTP-Redirect", "bindings:SOAP", StringComparison.Ordinal),
            _ => throw new ArgumentOutOfRangeException(nameof(defect)),
        };

        var problem = await (await Api.PutAsync("/v2/partners/sso/saml", new { metadata_xml = metadata }, partner.Token)).IsProblem(HttpStatusCode.BadRequest, errorCode);
        Assert.True(problem.GetProperty("errors").TryGetProperty("metadata_xml", out _));
        await (await Api.GetAsync("/v2/partners/sso/saml", partner.Token)).IsProblem(HttpStatusCode.NotFound, "CBC.99001030");
    }

    [Fact]
    public async Task Another_partner_neither_sees_nor_removes_an_identity_provider()
    {
        var (owner, idp) = await PartnerWithProviderAsync();
        var other = await Api.RegisterPartnerAsync();

        await (await Api.GetAsync("/v2/partners/sso/saml", other.Token)).IsProblem(HttpStatusCode.NotFound, "CBC.99001030");
        await (await Api.DeleteAsync("/v2/partners/sso/saml", other.Token)).IsProblem(HttpStatusCode.NotFound, "CBC.99001030");
        var changes = await (await Api.GetAsync("/v2/partners/sso/saml/changes", other.Token)).IsSuccess();
        Assert.Equal(0, changes.GetProperty("total_count").GetInt32());

        var read = await (await Api.GetAsync("/v2/partners/sso/saml", owner.Token)).IsSuccess();
        Assert.Equal(idp.EntityId, read.GetProperty("entity_id").GetString());
    }

    [Fact]
    public async Task A_login_redirects_to_the_identity_provider_with_a_deflated_AuthnRequest_signed_by_the_service_provider_key()
    {
        var (partner, idp) = await PartnerWithProviderAsync();

        using var response = await _browser.GetAsync($"/v2/sso/saml/{partner.PartnerId}/login?relay_state=cart-42");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!;
        Assert.StartsWith(idp.SingleSignOnUrl + "?", location.OriginalString, StringComparison.Ordinal);
        var parameters = location.Query.TrimStart('?').Split('&');
        var signedPart = string.Join('&', parameters.Where(p => !p.StartsWith("Signature=", StringComparison.Ordinal)));
        var values = parameters.Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => Uri.UnescapeDataString(p[1]));
        Assert.Equal("http://www.w3.org/2001/04/xmldsig-more#rsa-sha256", values["SigAlg"]);
        Assert.Equal("cart-42", values["RelayState"]);

        using var serviceProvider = X509Certificate2.CreateFromPem(factory.ServiceProviderCertificatePem);
        using var publicKey = serviceProvider.GetRSAPublicKey()!;
        Assert.True(publicKey.VerifyData(
            Encoding.UTF8.GetBytes(signedPart), Convert.FromBase64String(values["Signature"]), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
        Assert.False(publicKey.VerifyData(
            Encoding.UTF8.GetBytes(signedPart.Replace("cart-42", "cart-43", StringComparison.Ordinal)), Convert.FromBase64String(values["Signature"]),
            HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));

        var request = new XmlDocument();
        request.LoadXml(Inflate(values["SAMLRequest"]));
        var authnRequest = request.DocumentElement!;
        Assert.Equal("AuthnRequest", authnRequest.LocalName);
        Assert.Equal(idp.SingleSignOnUrl, authnRequest.GetAttribute("Destination"));
        Assert.Equal(SsoApiFactory.AcsUrl, authnRequest.GetAttribute("AssertionConsumerServiceURL"));
        Assert.Equal(SsoApiFactory.EntityId, authnRequest.GetElementsByTagName("Issuer", "urn:oasis:names:tc:SAML:2.0:assertion")[0]!.InnerText);
        Assert.False(string.IsNullOrEmpty(authnRequest.GetAttribute("ID")));
    }

    [Fact]
    public async Task A_valid_response_creates_the_customer_account_just_in_time_and_its_code_yields_working_tokens()
    {
        var (partner, idp) = await PartnerWithProviderAsync();
        var spec = ValidSpec(await StartLoginAsync(partner.PartnerId));

        using var acs = await PostAcsAsync(TestIdentityProvider.Encode(idp.SignedResponse(spec)), "cart-42");

        Assert.Equal(HttpStatusCode.Redirect, acs.StatusCode);
        var location = acs.Headers.Location!.OriginalString;
        Assert.StartsWith(SsoApiFactory.FrontendSignInUrl + "?code=", location, StringComparison.Ordinal);
        Assert.EndsWith("&relay_state=cart-42", location, StringComparison.Ordinal);
        Assert.DoesNotContain("token", location, StringComparison.OrdinalIgnoreCase);
        var code = CodeOf(acs);

        var tokens = await (await Api.PostAsync("/v2/sso/saml/exchange", new { code })).IsSuccess();
        var accessToken = tokens.GetProperty("access_token").GetString();
        Assert.Equal("Bearer", tokens.GetProperty("token_type").GetString());
        var me = await (await Api.GetAsync("/v2/auth/me", accessToken)).IsSuccess();
        var customerId = me.GetProperty("customer_id").GetGuid();
        Assert.Equal(JsonValueKind.Null, me.GetProperty("partner_id").ValueKind);

        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<IdentityDbContext>();
            var customer = await db.Customers.SingleAsync(c => c.Id == customerId);
            Assert.Equal(partner.PartnerId, customer.CreatedByPartnerId);
            Assert.Equal(spec.NameId, customer.XAccountId);
            Assert.Equal(spec.Attributes["domain_name"], customer.AccountName);
            Assert.Equal(spec.Attributes["email"], customer.Email);
            Assert.Equal(spec.Attributes["mobile"], customer.MobilePhone);
            Assert.Equal(spec.Attributes["name"], customer.DisplayName);
        }

        Assert.Equal(1, await factory.CountOutboxAsync("SsoAccountProvisioned", customerId));
        await Eventually.HoldsAsync(
            async () =>
            {
                using var association = await Api.GetAsync("/v2/partners/sub-customers/me/association", accessToken);
                return association.IsSuccessStatusCode
                    && JsonDocument.Parse(await association.Content.ReadAsStringAsync()).RootElement.GetProperty("partner_id").GetGuid() == partner.PartnerId;
            },
            TimeSpan.FromSeconds(20),
            "the provisioned customer is associated with the partner");

        var refreshed = await (await Api.PostAsync("/v2/auth/refresh", new { refresh_token = tokens.GetProperty("refresh_token").GetString() })).IsSuccess();
        Assert.False(string.IsNullOrEmpty(refreshed.GetProperty("access_token").GetString()));

        await (await Api.PostAsync("/v2/sso/saml/exchange", new { code })).IsProblem(HttpStatusCode.BadRequest, "CBC.99001047");
    }

    [Fact]
    public async Task A_second_login_by_the_same_person_reuses_the_account()
    {
        var (partner, idp) = await PartnerWithProviderAsync();
        var first = ValidSpec(await StartLoginAsync(partner.PartnerId));
        var firstCustomer = await SignInAsync(idp, first);

        var second = ValidSpec(await StartLoginAsync(partner.PartnerId)) with { NameId = first.NameId, Attributes = first.Attributes };
        var secondCustomer = await SignInAsync(idp, second);

        Assert.Equal(firstCustomer, secondCustomer);
        Assert.Equal(1, await CustomersAsync(partner.PartnerId, first.NameId));
        Assert.Equal(1, await factory.CountOutboxAsync("SsoAccountProvisioned", firstCustomer));
    }

    [Fact]
    public async Task The_same_response_posted_again_is_refused_as_a_replay()
    {
        var (partner, idp) = await PartnerWithProviderAsync();
        var spec = ValidSpec(await StartLoginAsync(partner.PartnerId));
        var form = TestIdentityProvider.Encode(idp.SignedResponse(spec));

        using var first = await PostAcsAsync(form);
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);

        await (await PostAcsAsync(form)).IsProblem(HttpStatusCode.Unauthorized, "CBC.99001044");
    }

    [Fact]
    public async Task A_request_accepts_one_response_only_and_a_second_assertion_for_it_is_refused()
    {
        var (partner, idp) = await PartnerWithProviderAsync();
        var requestId = await StartLoginAsync(partner.PartnerId);
        await SignInAsync(idp, ValidSpec(requestId));

        var another = ValidSpec(requestId);
        await (await PostAcsAsync(TestIdentityProvider.Encode(idp.SignedResponse(another)))).IsProblem(HttpStatusCode.Unauthorized, "CBC.99001043");
        Assert.Equal(0, await CustomersAsync(partner.PartnerId, another.NameId));
    }

    [Fact]
    public async Task The_same_response_posted_twice_at_once_signs_in_exactly_once()
    {
        var (partner, idp) = await PartnerWithProviderAsync();
        var spec = ValidSpec(await StartLoginAsync(partner.PartnerId));
        var form = TestIdentityProvider.Encode(idp.SignedResponse(spec));

        var answers = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => PostAcsAsync(form)));

        Assert.Single(answers, a => a.StatusCode == HttpStatusCode.Redirect);
        foreach (var refused in answers.Where(a => a.StatusCode != HttpStatusCode.Redirect))
        {
            await refused.IsProblem(HttpStatusCode.Unauthorized, "CBC.99001044");
        }

        Assert.Equal(1, await CustomersAsync(partner.PartnerId, spec.NameId));
    }

    [Theory]
    [InlineData("tampered_attribute", HttpStatusCode.Unauthorized, "CBC.99001037")]
    [InlineData("unsigned", HttpStatusCode.Unauthorized, "CBC.99001036")]
    [InlineData("signed_by_another_key", HttpStatusCode.Unauthorized, "CBC.99001037")]
    [InlineData("wrong_audience", HttpStatusCode.Unauthorized, "CBC.99001039")]
    [InlineData("wrong_recipient", HttpStatusCode.Unauthorized, "CBC.99001040")]
    [InlineData("wrong_destination", HttpStatusCode.Unauthorized, "CBC.99001040")]
    [InlineData("expired", HttpStatusCode.Unauthorized, "CBC.99001041")]
    [InlineData("not_yet_valid", HttpStatusCode.Unauthorized, "CBC.99001042")]
    [InlineData("unknown_in_response_to", HttpStatusCode.Unauthorized, "CBC.99001043")]
    [InlineData("another_issuer", HttpStatusCode.Unauthorized, "CBC.99001045")]
    [InlineData("wrapped_second_assertion", HttpStatusCode.Unauthorized, "CBC.99001038")]
    [InlineData("signature_moved_to_another_element", HttpStatusCode.Unauthorized, "CBC.99001038")]
    [InlineData("status_not_success", HttpStatusCode.Unauthorized, "CBC.99001046")]
    [InlineData("mobile_without_country_code", HttpStatusCode.BadRequest, "CBC.99001049")]
    [InlineData("dtd", HttpStatusCode.BadRequest, "CBC.99001032")]
    [InlineData("not_xml", HttpStatusCode.BadRequest, "CBC.99001035")]
    public async Task A_response_that_fails_a_check_is_refused_with_its_code_and_creates_nothing(string defect, HttpStatusCode status, string errorCode)
    {
        var (partner, idp) = await PartnerWithProviderAsync();
        var valid = ValidSpec(await StartLoginAsync(partner.PartnerId));
        var now = factory.Clock.GetUtcNow();
        using var stranger = RSA.Create(2048);
        string form;
        switch (defect)
        {
            case "tampered_attribute":
            {
                var document = idp.SignedResponse(valid);
                var email = document.GetElementsByTagName("AttributeValue", "urn:oasis:names:tc:SAML:2.0:assertion").Cast<XmlElement>()
                    .Single(v => v.InnerText == valid.Attributes["email"]);
                email.InnerText = "attacker@evil.test";
                form = TestIdentityProvider.Encode(document);
                break;
            }

            case "unsigned":
                form = TestIdentityProvider.Encode(idp.Response(valid));
                break;
            case "signed_by_another_key":
                form = TestIdentityProvider.Encode(idp.SignedResponse(valid, stranger));
                break;
            case "wrong_audience":
                form = TestIdentityProvider.Encode(idp.SignedResponse(valid with { Audience = "https://someone-else.test/sp" }));
                break;
            case "wrong_recipient":
                form = TestIdentityProvider.Encode(idp.SignedResponse(valid with { Recipient = "https://someone-else.test/acs" }));
                break;
            case "wrong_destination":
            {
                var document = idp.Response(valid with { Destination = "https://someone-else.test/acs" });
                idp.Sign(document.DocumentElement!);
                form = TestIdentityProvider.Encode(document);
                break;
            }

            case "expired":
                form = TestIdentityProvider.Encode(idp.SignedResponse(
                    valid with { IssuedAt = now.AddMinutes(-20), NotBefore = now.AddMinutes(-20), NotOnOrAfter = now.AddMinutes(-5) }));
                break;
            case "not_yet_valid":
                form = TestIdentityProvider.Encode(idp.SignedResponse(valid with { NotBefore = now.AddMinutes(10), NotOnOrAfter = now.AddMinutes(20) }));
                break;
            case "unknown_in_response_to":
                form = TestIdentityProvider.Encode(idp.SignedResponse(valid with { InResponseTo = "_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(20)) }));
                break;
            case "another_issuer":
            {
                using var impostor = new TestIdentityProvider();
                form = TestIdentityProvider.Encode(impostor.SignedResponse(valid, idp.Key));
                break;
            }

            case "wrapped_second_assertion":
            {
                // The genuine signed assertion stays; an unsigned one claiming another person is put before it.
                var document = idp.SignedResponse(valid);
                var genuine = TestIdentityProvider.AssertionOf(document);
                var forged = (XmlElement)genuine.CloneNode(deep: true);
                forged.RemoveChild(forged.ChildNodes.OfType<XmlElement>().Single(e => e.LocalName == "Signature"));
                forged.SetAttribute("ID", "_forged");
                forged.GetElementsByTagName("NameID", "urn:oasis:names:tc:SAML:2.0:assertion")[0]!.InnerText = "victim";
                document.DocumentElement!.InsertBefore(forged, genuine);
                form = TestIdentityProvider.Encode(document);
                break;
            }

            case "signature_moved_to_another_element":
            {
                // A valid signature of the Response, moved into an assertion of the attacker's choosing.
                var document = idp.Response(valid);
                idp.Sign(document.DocumentElement!);
                var signature = document.DocumentElement!.ChildNodes.OfType<XmlElement>().Single(e => e.LocalName == "Signature");
                document.DocumentElement.RemoveChild(signature);
                var assertion = TestIdentityProvider.AssertionOf(document);
                assertion.InsertAfter(signature, assertion.FirstChild);
                form = TestIdentityProvider.Encode(document);
                break;
            }

            case "status_not_success":
            {
                var document = idp.Response(valid);
                var statusCode = (XmlElement)document.GetElementsByTagName("StatusCode", "urn:oasis:names:tc:SAML:2.0:protocol")[0]!;
                statusCode.SetAttribute("Value", "urn:oasis:names:tc:SAML:2.0:status:Responder");
                idp.Sign(TestIdentityProvider.AssertionOf(document));
                form = TestIdentityProvider.Encode(document);
                break;
            }

            case "mobile_without_country_code":
                form = TestIdentityProvider.Encode(idp.SignedResponse(
                    valid with { Attributes = new Dictionary<string, string>(valid.Attributes) { ["mobile"] = "13800138000" } }));
                break;
            case "dtd":
                form = TestIdentityProvider.Encode(
                    "<!DOCTYPE samlp:Response [<!ENTITY boom \"boom\">]>" + idp.SignedResponse(valid).OuterXml);
                break;
            case "not_xml":
                form = TestIdentityProvider.Encode("<samlp:Response");
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(defect));
        }

        await (await PostAcsAsync(form)).IsProblem(status, errorCode);
        Assert.Equal(0, await CustomersAsync(partner.PartnerId, valid.NameId));
        Assert.Equal(0, await CustomersAsync(partner.PartnerId, "victim"));
    }

    [Fact]
    public async Task A_code_that_was_never_issued_is_refused()
    {
        await (await Api.PostAsync("/v2/sso/saml/exchange", new { code = "made-up" })).IsProblem(HttpStatusCode.BadRequest, "CBC.99001047");
        await (await Api.PostAsync("/v2/sso/saml/exchange", new { code = "" })).IsProblem(HttpStatusCode.BadRequest, "CBC.99001047");
    }

    private TestIdentityProvider NewProvider()
    {
        var provider = new TestIdentityProvider();
        _providers.Add(provider);
        return provider;
    }

    private async Task<(PartnerSession Partner, TestIdentityProvider Provider)> PartnerWithProviderAsync()
    {
        var partner = await Api.RegisterPartnerAsync();
        var idp = NewProvider();
        await (await Api.PutAsync("/v2/partners/sso/saml", new { metadata_xml = idp.Metadata() }, partner.Token)).IsSuccess();
        return (partner, idp);
    }

    /// <summary>Starts a login as a browser would; answers the AuthnRequest's ID.</summary>
    private async Task<string> StartLoginAsync(Guid partnerId)
    {
        using var response = await _browser.GetAsync($"/v2/sso/saml/{partnerId}/login");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var samlRequest = response.Headers.Location!.Query.TrimStart('?').Split('&')
            .Select(p => p.Split('=', 2)).Single(p => p[0] == "SAMLRequest")[1];
        var request = new XmlDocument();
        request.LoadXml(Inflate(Uri.UnescapeDataString(samlRequest)));
        return request.DocumentElement!.GetAttribute("ID");
    }

    private AssertionSpec ValidSpec(string requestId) =>
        AssertionSpec.Valid(requestId, SsoApiFactory.EntityId, SsoApiFactory.AcsUrl, factory.Clock.GetUtcNow());

    private async Task<HttpResponseMessage> PostAcsAsync(string samlResponse, string? relayState = null)
    {
        var fields = new Dictionary<string, string> { ["SAMLResponse"] = samlResponse };
        if (relayState is not null)
        {
            fields["RelayState"] = relayState;
        }

        using var content = new FormUrlEncodedContent(fields);
        return await _browser.PostAsync("/v2/sso/saml/acs", content);
    }

    /// <summary>The whole browser journey; answers the signed-in customer's id.</summary>
    private async Task<Guid> SignInAsync(TestIdentityProvider idp, AssertionSpec spec)
    {
        using var acs = await PostAcsAsync(TestIdentityProvider.Encode(idp.SignedResponse(spec)));
        Assert.Equal(HttpStatusCode.Redirect, acs.StatusCode);
        var tokens = await (await Api.PostAsync("/v2/sso/saml/exchange", new { code = CodeOf(acs) })).IsSuccess();
        var me = await (await Api.GetAsync("/v2/auth/me", tokens.GetProperty("access_token").GetString())).IsSuccess();
        return me.GetProperty("customer_id").GetGuid();
    }

    private async Task<int> CustomersAsync(Guid partnerId, string nameId)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IdentityDbContext>();
        return await db.Customers.CountAsync(c => c.CreatedByPartnerId == partnerId && c.XAccountId == nameId);
    }

    private static string CodeOf(HttpResponseMessage acs) =>
        Uri.UnescapeDataString(acs.Headers.Location!.Query.TrimStart('?').Split('&').Select(p => p.Split('=', 2)).Single(p => p[0] == "code")[1]);

    private static string Inflate(string base64)
    {
        using var deflate = new DeflateStream(new MemoryStream(Convert.FromBase64String(base64)), CompressionMode.Decompress);
        using var reader = new StreamReader(deflate, Encoding.UTF8);
        return reader.ReadToEnd();
    }

    private static XmlNamespaceManager Namespaces(XmlDocument document)
    {
        var names = new XmlNamespaceManager(document.NameTable);
        names.AddNamespace("md", "urn:oasis:names:tc:SAML:2.0:metadata");
        names.AddNamespace("ds", "http://www.w3.org/2000/09/xmldsig#");
        return names;
    }
}

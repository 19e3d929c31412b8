using System.Net;
using Identity.Tests.Support;

namespace Identity.Tests.Sso;

/// <summary>Outside Development, SAML needs the service provider's certificate in configuration; without it nothing is signed with a made-up key.</summary>
[Collection(SharedApi.Name)]
public sealed class SamlWithoutKeyTests(SharedApi shared)
{
    [Fact]
    public async Task Without_a_configured_certificate_the_metadata_and_login_answer_that_saml_is_not_available()
    {
        var partner = await shared.Api.RegisterPartnerAsync();
        using var idp = new TestIdentityProvider();
        await (await shared.Api.PutAsync("/v2/partners/sso/saml", new { metadata_xml = idp.Metadata() }, partner.Token)).IsSuccess();

        await (await shared.Api.GetAsync("/v2/sso/saml/metadata")).IsProblem(HttpStatusCode.ServiceUnavailable, "CBC.99001048");
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = shared.Factory.BaseAddress };
        await (await browser.GetAsync($"/v2/sso/saml/{partner.PartnerId}/login")).IsProblem(HttpStatusCode.ServiceUnavailable, "CBC.99001048");
    }
}

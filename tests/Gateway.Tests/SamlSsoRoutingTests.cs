using System.Net;
using Gateway.Tests.Support;
using PartnerPlatform.Testing;

namespace Gateway.Tests;

/// <summary>SAML single sign-on at the edge: the browser-facing SSO endpoints are public, the partner's configuration is not.</summary>
public sealed class SamlSsoRoutingTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    [Fact]
    public async Task The_saml_endpoints_reach_identity_api_without_a_token_with_the_posted_form_intact()
    {
        using var client = fixture.Gateway.CreateClient();
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["SAMLResponse"] = "PHNhbWxwOlJlc3BvbnNlLz4=", ["RelayState"] = "cart-42" });
        var formLength = (await form.ReadAsByteArrayAsync()).Length;

        var metadata = await (await client.GetAsync("/v2/sso/saml/metadata")).ReadEchoAsync();
        var login = await (await client.GetAsync("/v2/sso/saml/0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b/login?relay_state=cart-42")).ReadEchoAsync();
        var acs = await (await client.PostAsync("/v2/sso/saml/acs", form)).ReadEchoAsync();

        Assert.All([metadata, login, acs], echo => Assert.Equal("identity-api", echo.Service));
        Assert.Equal("?relay_state=cart-42", login.Query);
        Assert.Equal("POST", acs.Method);
        Assert.Equal("/v2/sso/saml/acs", acs.Path);
        Assert.Equal(formLength, acs.BodyLength);
    }

    [Theory]
    [InlineData("GET")]
    [InlineData("PUT")]
    [InlineData("DELETE")]
    public async Task The_partners_identity_provider_configuration_needs_a_token_at_the_edge(string method)
    {
        using var client = fixture.Gateway.CreateClient();

        var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), "/v2/partners/sso/saml"));

        await ProblemAssert.IsProblem(response, HttpStatusCode.Unauthorized, "CBC.0154");
        Assert.DoesNotContain(fixture.Services["identity-api"].Received, r => r.Path.StartsWith("/v2/partners/sso", StringComparison.Ordinal));
    }
}

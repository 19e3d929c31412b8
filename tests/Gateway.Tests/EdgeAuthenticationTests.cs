using System.Net;
using Gateway.Edge;
using Gateway.Tests.Support;
using PartnerPlatform.Testing;

namespace Gateway.Tests;

public sealed class EdgeAuthenticationTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    [Fact]
    public async Task A_request_without_a_token_is_answered_401_at_the_edge_and_never_reaches_the_service()
    {
        using var client = fixture.Gateway.CreateClient();

        var response = await client.GetAsync("/v2/partners/opportunities/never-forwarded");

        await ProblemAssert.IsProblem(response, HttpStatusCode.Unauthorized, "CBC.0154");
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
        Assert.DoesNotContain(fixture.Services["opportunities-api"].Received, r => r.Path.EndsWith("never-forwarded", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_token_signed_with_a_foreign_key_is_answered_401_at_the_edge_and_never_reaches_the_service()
    {
        using var client = fixture.Gateway.CreateClient(TestTokens.ForeignFor(Callers.Partner("partner-forged")));

        var response = await client.GetAsync("/v2/partners/opportunities/forged-never-forwarded");

        await ProblemAssert.IsProblem(response, HttpStatusCode.Unauthorized, "CBC.0154");
        Assert.DoesNotContain(fixture.Services["opportunities-api"].Received, r => r.Path.EndsWith("forged-never-forwarded", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("not-a-token")]
    [InlineData("eyJhbGciOiJFUzI1NiIsImtpZCI6InRlc3Qta2V5In0.eyJ1c2VyX2lkIjoidSJ9.AAAA")]
    public async Task A_request_with_a_token_that_is_not_a_valid_signed_jwt_is_answered_401(string token)
    {
        using var client = fixture.Gateway.CreateClient(token);

        var response = await client.GetAsync("/v2/coupons/c-1");

        await ProblemAssert.IsProblem(response, HttpStatusCode.Unauthorized, "CBC.0154");
    }

    [Fact]
    public async Task A_request_with_an_expired_token_is_answered_401()
    {
        using var client = fixture.Gateway.CreateClient(TestTokens.For(Callers.Partner("partner-1"), DateTimeOffset.UtcNow.AddHours(-2)));

        var response = await client.GetAsync("/v2/coupons/c-1");

        await ProblemAssert.IsProblem(response, HttpStatusCode.Unauthorized, "CBC.0154");
    }

    [Fact]
    public async Task A_valid_token_passes_and_is_forwarded_to_the_service_untouched()
    {
        var token = TestTokens.For(Callers.Partner("partner-7"));
        using var client = fixture.Gateway.CreateClient(token);

        var echo = await (await client.GetAsync("/v2/partners/profile")).ReadEchoAsync();

        Assert.Equal("Bearer " + token, echo.Headers["Authorization"]);
    }

    [Theory]
    [InlineData("/v2/auth/login")]
    [InlineData("/v2/auth/refresh")]
    [InlineData("/v2/auth/customers/register")]
    [InlineData("/v2/partners/profile/register")]
    [InlineData("/V2/Auth/Login")]
    [InlineData("/v2/auth/login/")]
    public async Task A_public_route_reaches_its_service_without_a_token(string path)
    {
        using var client = fixture.Gateway.CreateClient();

        var echo = await (await client.PostAsync(path, new StringContent("{}"))).ReadEchoAsync();

        Assert.Equal("identity-api", echo.Service);
        Assert.False(echo.Headers.ContainsKey("Authorization"));
    }

    [Theory]
    [InlineData("/v2/auth/login-history")]
    [InlineData("/v2/auth/logout")]
    [InlineData("/v2/auth/refresh/extra")]
    [InlineData("/v2/authx/login")]
    [InlineData("/v2/auth/customers/register/bulk")]
    [InlineData("/v2/auth/customers")]
    [InlineData("/v2/partners/profile/registered")]
    [InlineData("/v2/partners/profile/programmes")]
    [InlineData("/v2/partners/members/invitations")]
    [InlineData("/v2/partners/members/invitations/preview/extra")]
    [InlineData("/v2/partners/sub-customers/invitations")]
    [InlineData("/v2/partners/sub-customers/invitations/previews")]
    [InlineData("/v2/partners/sub-customers/me/invitations/preview")]
    public async Task A_path_that_only_resembles_a_public_route_needs_a_token(string path)
    {
        using var client = fixture.Gateway.CreateClient();

        var response = await client.PostAsync(path, new StringContent("{}"));

        await ProblemAssert.IsProblem(response, HttpStatusCode.Unauthorized, "CBC.0154");
    }

    [Theory]
    [InlineData("/v2/partners/members/invitations/accept")]
    [InlineData("/v2/partners/sub-customers/me/invitations/accept")]
    [InlineData("/v2/auth/invitations/inv-123/accept")]
    public async Task Accepting_an_invitation_needs_a_signed_in_account_at_the_edge(string path)
    {
        using var client = fixture.Gateway.CreateClient();

        var response = await client.PostAsync(path, new StringContent("{}"));

        await ProblemAssert.IsProblem(response, HttpStatusCode.Unauthorized, "CBC.0154");
        Assert.DoesNotContain(fixture.Services["identity-api"].Received, r => r.Path == path);
    }

    [Fact]
    public async Task An_invitation_preview_reaches_identity_api_without_a_token_while_accepting_the_invitation_still_needs_one()
    {
        using var client = fixture.Gateway.CreateClient();

        var customerPreview = await (await client.GetAsync("/v2/partners/sub-customers/invitations/preview?token=CfDJ8-link")).ReadEchoAsync();
        var memberPreview = await (await client.GetAsync("/v2/partners/members/invitations/preview?token=CfDJ8-link")).ReadEchoAsync();
        var customerAccept = await client.PostAsync("/v2/partners/sub-customers/me/invitations/accept", new StringContent("""{"token":"CfDJ8-link"}"""));
        var memberAccept = await client.PostAsync("/v2/partners/members/invitations/accept", new StringContent("""{"token":"CfDJ8-link"}"""));

        foreach (var (echo, path) in new[] { (customerPreview, "/v2/partners/sub-customers/invitations/preview"), (memberPreview, "/v2/partners/members/invitations/preview") })
        {
            Assert.Equal("identity-api", echo.Service);
            Assert.Equal("GET", echo.Method);
            Assert.Equal(path, echo.Path);
            Assert.Equal("?token=CfDJ8-link", echo.Query);
            Assert.False(echo.Headers.ContainsKey("Authorization"));
        }

        await ProblemAssert.IsProblem(customerAccept, HttpStatusCode.Unauthorized, "CBC.0154");
        await ProblemAssert.IsProblem(memberAccept, HttpStatusCode.Unauthorized, "CBC.0154");
        Assert.DoesNotContain(fixture.Services["identity-api"].Received, r => r.Path.EndsWith("/invitations/accept", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("/v2/reference/quota-types")]
    [InlineData("/v2/reference/test-voucher-kinds")]
    public async Task A_services_enum_is_public_and_reaches_its_service_without_a_token(string path)
    {
        using var client = fixture.Gateway.CreateClient();

        var echo = await (await client.GetAsync(path)).ReadEchoAsync();

        Assert.Equal("coupons-api", echo.Service);
    }

    [Theory]
    [InlineData("/alive")]
    [InlineData("/health")]
    [InlineData("/docs/index.html")]
    [InlineData("/openapi/coupons-api/v1.json")]
    [InlineData("/v2/reference/error-codes")]
    public async Task The_gateways_own_reference_endpoints_need_no_token(string path)
    {
        using var client = fixture.Gateway.CreateClient();

        var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task The_public_route_list_is_configuration()
    {
        await using var gateway = await fixture.StartGatewayAsync(new Dictionary<string, string?>
        {
            ["Gateway:PublicRoutes:0"] = "/v2/coupons/**",
            ["Gateway:PublicRoutes:1"] = "/health",
        });
        using var client = gateway.CreateClient();

        var nowPublic = await client.GetAsync("/v2/coupons/c-9");
        var noLongerPublic = await client.PostAsync("/v2/auth/login", new StringContent("{}"));

        Assert.Equal("coupons-api", (await nowPublic.ReadEchoAsync()).Service);
        await ProblemAssert.IsProblem(noLongerPublic, HttpStatusCode.Unauthorized, "CBC.0154");
    }

    [Theory]
    [InlineData("/v2/*/login")]
    [InlineData("v2/auth/login")]
    [InlineData("/v2/auth/**/x")]
    public void A_malformed_public_route_is_refused(string pattern) =>
        Assert.Throws<InvalidOperationException>(() => new PublicRoutes([pattern]));
}

using System.Net;
using Gateway.Tests.Support;
using PartnerPlatform.Testing;

namespace Gateway.Tests;

public sealed class RoutingTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    /// <summary>Every prefix of the API conventions, with the service that owns it.</summary>
    public static TheoryData<string, string> SpecPrefixes => new()
    {
        { "/v2/auth/me", "identity-api" },
        { "/v2/bases/verificationcode/send", "identity-api" },
        { "/v2/partners/sub-customers", "identity-api" },
        { "/v2/partners/sub-customers/users/check-identity", "identity-api" },
        { "/v2/partners/members/m-1", "identity-api" },
        { "/v2/partners/profile", "identity-api" },
        { "/v2/vendor/partners/p-1/stage", "identity-api" },
        { "/v2/partners/coupon-quotas/query", "coupons-api" },
        { "/v2/promotions/benefits/partner-coupons/reclaim", "coupons-api" },
        { "/v2/coupons/c-1", "coupons-api" },
        { "/v2/customers/me/coupons", "coupons-api" },
        { "/v2/partners/indirect-partners/query", "resellers-api" },
        { "/v2/partners/distribution/scorecards", "resellers-api" },
        { "/v2/partners/opportunities/o-1/submit", "opportunities-api" },
        { "/v2/vendor/opportunities/o-1", "opportunities-api" },
        { "/v2/partners/incentives/mdf", "incentives-api" },
        { "/v2/vendor/incentives/statements", "incentives-api" },
        { "/v2/partners/subscriptions/s-1", "subscription-files-api" },
        { "/v2/partners/exports/e-1", "subscription-files-api" },
    };

    [Theory]
    [MemberData(nameof(SpecPrefixes))]
    public async Task A_request_under_a_spec_prefix_reaches_its_owning_service_with_path_and_query_intact(string path, string service)
    {
        using var client = fixture.PartnerClient();

        var echo = await (await client.GetAsync(path + "?offset=0&limit=10")).ReadEchoAsync();

        Assert.Equal(service, echo.Service);
        Assert.Equal(path, echo.Path);
        Assert.Equal("?offset=0&limit=10", echo.Query);
    }

    private const string Id = "0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b";

    /// <summary>
    /// Every path identity-api, resellers-api and coupons-api map in their <c>Apis/*.cs</c> (route
    /// parameters filled in), with the method they map it under.
    /// </summary>
    public static TheoryData<string, string, string> ServedPaths => new()
    {
        { "POST", "/v2/auth/login", "identity-api" },
        { "POST", "/v2/auth/refresh", "identity-api" },
        { "POST", "/v2/auth/password", "identity-api" },
        { "GET", "/v2/auth/me", "identity-api" },
        { "POST", "/v2/auth/customers/register", "identity-api" },
        { "POST", "/v2/bases/verificationcode/send", "identity-api" },
        { "POST", "/v2/partners/sub-customers", "identity-api" },
        { "POST", "/v2/partners/sub-customers/users/check-identity", "identity-api" },
        { "POST", "/v2/partners/sub-customers/query", "identity-api" },
        { "GET", $"/v2/partners/sub-customers/{Id}", "identity-api" },
        { "POST", $"/v2/partners/sub-customers/{Id}/reveal", "identity-api" },
        { "POST", $"/v2/partners/sub-customers/{Id}/authorisations", "identity-api" },
        { "PUT", $"/v2/partners/sub-customers/{Id}/account-manager", "identity-api" },
        { "POST", $"/v2/partners/sub-customers/warnings/{Id}/close", "identity-api" },
        { "POST", "/v2/partners/sub-customers/registrations", "identity-api" },
        { "PUT", $"/v2/partners/sub-customers/registrations/{Id}/email", "identity-api" },
        { "GET", $"/v2/partners/sub-customers/offline-invitations/{Id}/qrcode", "identity-api" },
        { "GET", "/v2/partners/sub-customers/invitations/preview", "identity-api" },
        { "POST", "/v2/partners/sub-customers/me/invitations/accept", "identity-api" },
        { "POST", $"/v2/partners/sub-customers/me/authorisations/{Id}/approve", "identity-api" },
        { "POST", "/v2/partners/sub-customers/me/disassociation", "identity-api" },
        { "GET", "/v2/partners/members/", "identity-api" },
        { "GET", "/v2/partners/members/permission-items", "identity-api" },
        { "PUT", $"/v2/partners/members/roles/{Id}", "identity-api" },
        { "GET", "/v2/partners/members/invitations/preview", "identity-api" },
        { "POST", "/v2/partners/members/invitations/accept", "identity-api" },
        { "GET", "/v2/partners/profile/", "identity-api" },
        { "POST", "/v2/partners/profile/register", "identity-api" },
        { "POST", "/v2/partners/profile/business-certification/bank-letter", "identity-api" },
        { "GET", "/v2/vendor/partners/", "identity-api" },
        { "POST", $"/v2/vendor/partners/{Id}/programmes/distributor/expire", "identity-api" },
        { "GET", "/v2/sso/saml/metadata", "identity-api" },
        { "GET", $"/v2/sso/saml/{Id}/login", "identity-api" },
        { "POST", "/v2/sso/saml/acs", "identity-api" },
        { "POST", "/v2/sso/saml/exchange", "identity-api" },
        { "PUT", "/v2/partners/sso/saml", "identity-api" },
        { "GET", "/v2/partners/sso/saml/changes", "identity-api" },
        { "POST", $"/v2/vendor/partners/business-certifications/{Id}/approve", "identity-api" },
        { "PUT", $"/v2/vendor/partners/customers/{Id}/account-facts", "identity-api" },
        { "POST", "/v2/vendor/partners/customer-warnings/refresh", "identity-api" },
        { "POST", "/v2/partners/indirect-partners/query", "resellers-api" },
        { "GET", $"/v2/partners/indirect-partners/{Id}/account-managers", "resellers-api" },
        { "GET", "/v2/partners/distribution/my-distributor", "resellers-api" },
        { "GET", "/v2/partners/distribution/join-eligibility", "resellers-api" },
        { "PUT", $"/v2/partners/distribution/join-facts/{Id}", "resellers-api" },
        { "POST", "/v2/partners/distribution/applications/review", "resellers-api" },
        { "GET", $"/v2/partners/distribution/links/{Id}", "resellers-api" },
        { "POST", "/v2/partners/distribution/marketplace/orders/o-1/price-adjustments", "resellers-api" },
        { "GET", "/v2/partners/distribution/scorecards/summary", "resellers-api" },
        { "GET", $"/v2/partners/distribution/scorecards/{Id}/improvement-plan/document", "resellers-api" },
        { "GET", "/v2/partners/distribution/improvement-plan-template", "resellers-api" },
        { "POST", "/v2/partners/coupon-quotas/query", "coupons-api" },
        { "GET", $"/v2/partners/coupon-quotas/{Id}", "coupons-api" },
        { "POST", "/v2/partners/coupon-quotas/vendor-grants", "coupons-api" },
        { "POST", $"/v2/partners/coupon-quotas/{Id}/status", "coupons-api" },
        { "POST", "/v2/partners/coupon-quotas/indirect-partner-grants", "coupons-api" },
        { "POST", "/v2/partners/coupon-quotas/indirect-partner-reclaim", "coupons-api" },
        { "POST", "/v2/promotions/benefits/partner-coupons", "coupons-api" },
        { "POST", "/v2/promotions/benefits/partner-coupons/reclaim", "coupons-api" },
        { "GET", $"/v2/promotions/benefits/partner-coupons/{Id}", "coupons-api" },
        { "GET", "/v2/promotions/benefits/partner-coupons/records/query", "coupons-api" },
        { "GET", "/v2/promotions/benefits/partner-coupons/records/export", "coupons-api" },
        { "POST", "/v2/promotions/benefits/test-vouchers", "coupons-api" },
        { "GET", "/v2/promotions/benefits/whitelist", "coupons-api" },
        { "PUT", $"/v2/promotions/benefits/whitelists/{Id}", "coupons-api" },
        { "POST", $"/v2/coupons/{Id}/redemptions", "coupons-api" },
        { "GET", "/v2/customers/me/coupons", "coupons-api" },
        { "GET", "/v2/reference/quota-types", "coupons-api" },
        { "GET", "/v2/reference/cloud-service-types", "coupons-api" },
        { "GET", "/v2/reference/test-voucher-kinds", "coupons-api" },
    };

    /// <summary>Each service's enums at <c>/v2/reference/{enum}</c>, by name, with the service that owns the name.</summary>
    public static TheoryData<string, string> ReferenceEnums => new()
    {
        { "association-types", "identity-api" },
        { "reseller-link-statuses", "identity-api" },
        { "programmes", "identity-api" },
        { "vendor-roles", "identity-api" },
        { "permission-items", "identity-api" },
        { "customer-warning-statuses", "identity-api" },
        { "invitation-link-statuses", "identity-api" },
        { "consent-document-kinds", "identity-api" },
        { "certificate-levels", "identity-api" },
        { "quota-types", "coupons-api" },
        { "coupon-statuses", "coupons-api" },
        { "test-voucher-kinds", "coupons-api" },
        { "opportunity-statuses", "opportunities-api" },
        { "stages", "opportunities-api" },
        { "dashboard-windows", "opportunities-api" },
        { "fh-tracks", "incentives-api" },
        { "subsidy-statuses", "incentives-api" },
        { "subscription-contents", "subscription-files-api" },
        { "export-statuses", "subscription-files-api" },
        { "webhook-states", "subscription-files-api" },
        { "webhook-delivery-statuses", "subscription-files-api" },
        { "link-states", "resellers-api" },
        { "join-blocker-reasons", "resellers-api" },
        { "handling-options", "resellers-api" },
    };

    [Theory]
    [MemberData(nameof(ReferenceEnums))]
    public async Task An_enum_name_reaches_the_service_that_owns_it_without_a_token(string name, string service)
    {
        using var client = fixture.Gateway.CreateClient();

        var echo = await (await client.GetAsync("/v2/reference/" + name)).ReadEchoAsync();

        Assert.Equal(service, echo.Service);
        Assert.Equal("/v2/reference/" + name, echo.Path);
    }

    [Theory]
    [InlineData("/v2/reference/no-such-things")]
    [InlineData("/v2/reference/association-types-x")]
    [InlineData("/v2/reference/x-association-types")]
    public async Task An_enum_name_no_service_owns_is_not_found_at_the_gateway(string path)
    {
        using var client = fixture.Gateway.CreateClient();

        var response = await client.GetAsync(path);

        await ProblemAssert.IsProblem(response, HttpStatusCode.NotFound, "CBC.0156");
        Assert.DoesNotContain(fixture.Services.Values.SelectMany(s => s.Received), r => r.Path == path);
    }

    [Theory]
    [MemberData(nameof(ServedPaths))]
    public async Task Every_path_a_service_maps_reaches_that_service_through_the_gateway(string method, string path, string service)
    {
        using var client = fixture.PartnerClient();

        var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path)
        {
            Content = method == "GET" ? null : new StringContent("{}", System.Text.Encoding.UTF8, "application/json"),
        });
        var echo = await response.ReadEchoAsync();

        Assert.Equal(service, echo.Service);
        Assert.Equal(method, echo.Method);
        Assert.Equal(path, echo.Path);
    }

    [Fact]
    public async Task The_gateway_still_answers_the_merged_error_catalogue_itself_next_to_the_services_enums()
    {
        using var client = fixture.Gateway.CreateClient();

        var response = await client.GetAsync("/v2/reference/error-codes");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True((await response.ReadJsonAsync()).TryGetProperty("unavailable_services", out _));
    }

    [Fact]
    public async Task A_post_body_and_method_are_forwarded_unchanged()
    {
        using var client = fixture.PartnerClient();

        const string body = "{\"account_name\":\"acme\",\"offset\":0}";
        var response = await client.PostAsync("/v2/partners/sub-customers/query", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        var echo = await response.ReadEchoAsync();

        Assert.Equal("POST", echo.Method);
        Assert.Equal("identity-api", echo.Service);
        Assert.Equal(body.Length, echo.BodyLength);
        Assert.StartsWith("application/json", echo.Headers["Content-Type"], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/v2/unknown/thing")]
    [InlineData("/v2/partners/opportunitiesx")]
    [InlineData("/v2/partners")]
    public async Task A_path_outside_every_prefix_is_not_found_with_a_code(string path)
    {
        using var client = fixture.PartnerClient();

        var response = await client.GetAsync(path);

        await ProblemAssert.IsProblem(response, HttpStatusCode.NotFound, "CBC.0156");
        Assert.DoesNotContain(fixture.Services.Values.SelectMany(s => s.Received), r => r.Path == path);
    }

    [Theory]
    [InlineData("POST", "/health")]
    [InlineData("DELETE", "/v2/reference/error-codes")]
    [InlineData("POST", "/v2/reference/quota-types")]
    [InlineData("PUT", "/openapi/coupons-api/v1.json")]
    public async Task A_method_a_gateway_path_does_not_take_is_answered_405_with_a_code_and_not_forwarded(string method, string path)
    {
        using var client = fixture.PartnerClient();

        var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        await ProblemAssert.IsProblem(response, HttpStatusCode.MethodNotAllowed, "CBC.0100");
        Assert.DoesNotContain(fixture.Services.Values.SelectMany(s => s.Received), r => r.Path == path && r.Method == method);
    }

    [Fact]
    public async Task An_upstream_error_answer_passes_through_as_the_service_wrote_it()
    {
        using var client = fixture.PartnerClient();

        var conflict = await client.GetAsync("/v2/coupons/c-1?status=409");
        var emptyNotFound = await client.GetAsync("/v2/coupons/c-2?status=404&empty");

        Assert.Equal(HttpStatusCode.Conflict, conflict.StatusCode);
        Assert.Equal("TEST.coupons-api", (await conflict.ReadJsonAsync()).GetProperty("error_code").GetString());
        Assert.Equal(HttpStatusCode.NotFound, emptyNotFound.StatusCode);
        Assert.Equal("", await emptyNotFound.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_service_without_a_configured_address_answers_503_with_a_code_while_the_others_keep_working()
    {
        await using var gateway = await fixture.StartGatewayAsync(withoutServices: ["incentives-api"]);
        using var client = gateway.CreateClient(TestTokens.For(Callers.Partner("partner-1")));

        var unconfigured = await client.GetAsync("/v2/partners/incentives/mdf");
        var configured = await client.GetAsync("/v2/partners/exports/e-1");

        var problem = await ProblemAssert.IsProblem(unconfigured, HttpStatusCode.ServiceUnavailable, "GW.0503");
        Assert.Contains("incentives-api", problem.GetProperty("error_msg").GetString(), StringComparison.Ordinal);
        Assert.Equal("subscription-files-api", (await configured.ReadEchoAsync()).Service);
    }
}

using System.Net;
using Gateway.Tests.Support;

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

        await ProblemAssert.HasCodeAsync(response, HttpStatusCode.NotFound, "CBC.0156");
        Assert.DoesNotContain(fixture.Services.Values.SelectMany(s => s.Received), r => r.Path == path);
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
        using var client = gateway.CreateClient(fixture.Tokens.Issue(TokenIssuer.Partner("partner-1")));

        var unconfigured = await client.GetAsync("/v2/partners/incentives/mdf");
        var configured = await client.GetAsync("/v2/partners/exports/e-1");

        var problem = await ProblemAssert.HasCodeAsync(unconfigured, HttpStatusCode.ServiceUnavailable, "GW.0503");
        Assert.Contains("incentives-api", problem.GetProperty("error_msg").GetString(), StringComparison.Ordinal);
        Assert.Equal("subscription-files-api", (await configured.ReadEchoAsync()).Service);
    }
}

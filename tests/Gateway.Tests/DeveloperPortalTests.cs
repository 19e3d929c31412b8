using System.Net;
using Gateway.Tests.Support;

namespace Gateway.Tests;

public sealed class DeveloperPortalTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    [Fact]
    public async Task The_docs_page_is_swagger_ui_listing_every_configured_services_document()
    {
        using var client = fixture.Gateway.CreateClient();

        var redirect = await client.GetAsync("/docs");
        var page = await client.GetAsync("/docs/index.html");
        var script = await (await client.GetAsync("/docs/index.js")).Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.MovedPermanently, redirect.StatusCode);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Contains("swagger-ui", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        foreach (var service in GatewayFixture.ServiceNames)
        {
            Assert.Contains($"\"url\":\"/openapi/{service}/v1.json\",\"name\":\"{service}\"", script, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_service_without_an_address_is_left_out_of_the_portal_instead_of_failing_with_503()
    {
        var gateway = await fixture.StartGatewayAsync(withoutServices: ["incentives-api", "subscription-files-api"]);
        using var client = gateway.CreateClient();

        var script = await (await client.GetAsync("/docs/index.js")).Content.ReadAsStringAsync();

        Assert.Contains("\"url\":\"/openapi/identity-api/v1.json\"", script, StringComparison.Ordinal);
        Assert.DoesNotContain("incentives-api", script, StringComparison.Ordinal);
        Assert.DoesNotContain("subscription-files-api", script, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_portal_page_carries_the_sign_in_bar_whose_token_try_it_out_sends()
    {
        using var client = fixture.Gateway.CreateClient();

        var page = await (await client.GetAsync("/docs/index.html")).Content.ReadAsStringAsync();
        var indexScript = await (await client.GetAsync("/docs/index.js")).Content.ReadAsStringAsync();
        var portal = await client.GetAsync("/docs/portal.js");
        var styles = await client.GetAsync("/docs/portal.css");

        Assert.Contains("portal.js", page, StringComparison.Ordinal);
        Assert.Contains("portal.css", page, StringComparison.Ordinal);
        Assert.Contains("partnerPlatform.authorize(request)", indexScript, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, portal.StatusCode);
        Assert.Equal("text/javascript", portal.Content.Headers.ContentType?.MediaType);
        var script = await portal.Content.ReadAsStringAsync();
        Assert.Contains("'v2/auth/login'", script, StringComparison.Ordinal);
        Assert.Contains("preauthorizeApiKey('bearer'", script, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, styles.StatusCode);
        Assert.Equal("text/css", styles.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task The_getting_started_page_covers_sign_in_paging_retries_errors_and_the_catalogue_without_a_token()
    {
        using var client = fixture.Gateway.CreateClient();

        var response = await client.GetAsync("/docs/getting-started");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var page = await response.Content.ReadAsStringAsync();
        foreach (var topic in new[] { "POST /v2/auth/login", "Authorization: Bearer", "offset", "limit", "total_count", "Idempotency-Key", "Retry-After", "If-Match", "error_code", "GET /v2/reference/error-codes", "asyncapi.json" })
        {
            Assert.Contains(topic, page, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_event_catalogue_is_served_beside_the_openapi_documents_without_a_token()
    {
        using var client = fixture.Gateway.CreateClient();

        var response = await client.GetAsync("/openapi/events/asyncapi.json");

        var document = await response.ReadJsonAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("3.0.0", document.GetProperty("asyncapi").GetString());
        Assert.True(document.GetProperty("components").GetProperty("messages").TryGetProperty("CouponIssued", out _));
    }

    [Fact]
    public async Task Each_services_openapi_document_is_fetched_through_the_gateway()
    {
        using var client = fixture.Gateway.CreateClient();

        foreach (var service in GatewayFixture.ServiceNames)
        {
            var response = await client.GetAsync($"/openapi/{service}/v1.json");

            var document = await response.ReadJsonAsync();
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(service, document.GetProperty("info").GetProperty("title").GetString());
        }
    }

    [Fact]
    public async Task A_document_fetched_through_the_gateway_sends_try_it_out_calls_through_the_gateway_too()
    {
        using var client = fixture.Gateway.CreateClient();

        foreach (var service in GatewayFixture.ServiceNames)
        {
            var response = await client.GetAsync($"/openapi/{service}/v1.json");

            var body = await response.Content.ReadAsStringAsync();
            var document = await response.ReadJsonAsync();
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("/", document.GetProperty("servers").EnumerateArray().Single().GetProperty("url").GetString());
            Assert.Equal(service, document.GetProperty("info").GetProperty("title").GetString());
            Assert.DoesNotContain(fixture.Services[service].Address.Authority, body, StringComparison.Ordinal);
        }
    }
}

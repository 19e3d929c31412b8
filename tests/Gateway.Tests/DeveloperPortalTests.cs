using System.Net;
using Gateway.Tests.Support;

namespace Gateway.Tests;

public sealed class DeveloperPortalTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    [Fact]
    public async Task The_docs_page_is_swagger_ui_listing_every_services_document()
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

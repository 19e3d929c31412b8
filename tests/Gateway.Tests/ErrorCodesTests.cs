using System.Net;
using System.Text.Json;
using Gateway.Tests.Support;

namespace Gateway.Tests;

public sealed class ErrorCodesTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    private static Dictionary<string, JsonElement> Codes(JsonElement body) =>
        body.GetProperty("error_codes").EnumerateArray().ToDictionary(c => c.GetProperty("error_code").GetString()!);

    private static string[] ServicesOf(JsonElement code) =>
        [.. code.GetProperty("services").EnumerateArray().Select(s => s.GetString()!)];

    [Fact]
    public async Task The_catalogue_merges_the_gateways_codes_with_every_services_own()
    {
        using var client = fixture.Gateway.CreateClient();

        var response = await client.GetAsync("/v2/reference/error-codes");
        var body = await response.ReadJsonAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var codes = Codes(body);
        foreach (var gatewayCode in new[] { "GW.0413", "GW.0502", "GW.0503", "GW.0504" })
        {
            Assert.Equal(["gateway"], ServicesOf(codes[gatewayCode]));
        }

        Assert.Equal(504, codes["GW.0504"].GetProperty("status").GetInt32());
        Assert.Equal(401, codes["CBC.0154"].GetProperty("status").GetInt32());
        Assert.Equal(429, codes["CBC.0250"].GetProperty("status").GetInt32());
        foreach (var service in GatewayFixture.ServiceNames)
        {
            var own = codes["TEST." + service];
            Assert.Equal([service], ServicesOf(own));
            Assert.Equal("Conflict in " + service, own.GetProperty("title").GetString());
        }

        Assert.Equal(GatewayFixture.ServiceNames.Append("gateway").Order(StringComparer.Ordinal), ServicesOf(codes["CBC.0100"]));
        Assert.Equal(codes.Keys.Order(StringComparer.Ordinal), body.GetProperty("error_codes").EnumerateArray().Select(c => c.GetProperty("error_code").GetString()!));
        Assert.Empty(body.GetProperty("unavailable_services").EnumerateArray());
    }

    [Fact]
    public async Task A_service_that_does_not_answer_is_named_and_the_rest_is_still_served()
    {
        var gateway = await fixture.StartGatewayAsync(withoutServices: ["coupons-api"]);
        using var client = gateway.CreateClient();

        var body = await (await client.GetAsync("/v2/reference/error-codes")).ReadJsonAsync();

        var codes = Codes(body);
        Assert.Equal(["coupons-api"], body.GetProperty("unavailable_services").EnumerateArray().Select(s => s.GetString()));
        Assert.False(codes.ContainsKey("TEST.coupons-api"));
        Assert.True(codes.ContainsKey("TEST.identity-api"));
        Assert.True(codes.ContainsKey("GW.0503"));
    }
}

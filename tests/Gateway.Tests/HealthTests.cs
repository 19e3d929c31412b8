using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Gateway.Tests.Support;

namespace Gateway.Tests;

public sealed class HealthTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    private static Dictionary<string, JsonElement> Components(JsonElement body) =>
        body.GetProperty("components").EnumerateArray().ToDictionary(c => c.GetProperty("name").GetString()!);

    [Fact]
    public async Task With_every_service_healthy_the_platform_is_healthy_and_each_service_is_listed()
    {
        using var client = fixture.Gateway.CreateClient();

        var response = await client.GetAsync("/health");
        var body = await response.ReadJsonAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("healthy", body.GetProperty("status").GetString());
        var components = Components(body);
        Assert.Equal(GatewayFixture.ServiceNames.Append("gateway").Order(StringComparer.Ordinal), components.Keys.Order(StringComparer.Ordinal));
        Assert.All(components.Values, c => Assert.Equal("healthy", c.GetProperty("status").GetString()));
    }

    [Fact]
    public async Task A_slow_an_unhealthy_and_an_unconfigured_service_make_the_platform_degraded_with_a_reason_each()
    {
        fixture.Services["coupons-api"].HealthDelay = TimeSpan.FromSeconds(20);
        fixture.Services["resellers-api"].HealthStatus = "unhealthy";
        try
        {
            var gateway = await fixture.StartGatewayAsync(
                new Dictionary<string, string?> { ["Gateway:DownstreamCallTimeout"] = "00:00:00.300" },
                withoutServices: ["incentives-api"]);
            using var client = gateway.CreateClient();

            var watch = Stopwatch.StartNew();
            var response = await client.GetAsync("/health");
            var body = await response.ReadJsonAsync();
            watch.Stop();

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("degraded", body.GetProperty("status").GetString());
            var components = Components(body);
            Assert.Equal("timeout", components["coupons-api"].GetProperty("reason").GetString());
            Assert.Equal("unhealthy", components["coupons-api"].GetProperty("status").GetString());
            Assert.Equal("unhealthy", components["resellers-api"].GetProperty("status").GetString());
            Assert.Equal(503, components["resellers-api"].GetProperty("http_status").GetInt32());
            Assert.Equal("not_configured", components["incentives-api"].GetProperty("reason").GetString());
            Assert.Equal("healthy", components["identity-api"].GetProperty("status").GetString());
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"the slow service held /health for {watch.Elapsed}");
        }
        finally
        {
            fixture.Services["coupons-api"].HealthDelay = TimeSpan.Zero;
            fixture.Services["resellers-api"].HealthStatus = "healthy";
        }
    }

    [Fact]
    public async Task Degraded_services_keep_the_gateway_ready_and_their_checks_are_passed_on()
    {
        foreach (var service in fixture.Services.Values)
        {
            service.HealthStatus = "degraded";
        }

        try
        {
            using var client = fixture.Gateway.CreateClient();

            var response = await client.GetAsync("/health");
            var body = await response.ReadJsonAsync();

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("degraded", body.GetProperty("status").GetString());
            var services = Components(body).Where(c => c.Key != "gateway").Select(c => c.Value).ToList();
            Assert.NotEmpty(services);
            Assert.All(services, c =>
            {
                Assert.Equal("degraded", c.GetProperty("status").GetString());
                Assert.Equal(JsonValueKind.Array, c.GetProperty("checks").ValueKind);
            });
        }
        finally
        {
            foreach (var service in fixture.Services.Values)
            {
                service.HealthStatus = "healthy";
            }
        }
    }

    [Fact]
    public async Task With_no_service_answering_the_platform_is_unhealthy_and_says_so_with_503()
    {
        var gateway = await fixture.StartGatewayAsync(withoutServices: GatewayFixture.ServiceNames);
        using var client = gateway.CreateClient();

        var response = await client.GetAsync("/health");
        var body = await response.ReadJsonAsync();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("unhealthy", body.GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_gateway_that_lost_redis_reports_itself_degraded_and_stays_ready()
    {
        var gateway = await fixture.StartGatewayAsync(new Dictionary<string, string?>
        {
            ["ConnectionStrings:redis"] = "127.0.0.1:1,connectTimeout=200,asyncTimeout=200",
        });
        using var client = gateway.CreateClient();

        var response = await client.GetAsync("/health");
        var body = await response.ReadJsonAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("degraded", body.GetProperty("status").GetString());
        Assert.Equal("degraded", Components(body)["gateway"].GetProperty("status").GetString());
    }

    [Fact]
    public async Task Alive_answers_without_asking_any_service()
    {
        var gateway = await fixture.StartGatewayAsync(withoutServices: GatewayFixture.ServiceNames);
        using var client = gateway.CreateClient();

        var response = await client.GetAsync("/alive");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("healthy", (await response.ReadJsonAsync()).GetProperty("status").GetString());
    }
}

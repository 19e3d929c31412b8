using Gateway.Tests.Support;
using PartnerPlatform.Testing;
using Microsoft.Extensions.Configuration;
using System.Net;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Gateway.Tests;

public sealed class ConfigurationTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    [Fact]
    public void No_cluster_configures_session_affinity()
    {
        // The services keep no per-client state, so any instance may answer any request.
        var configuration = fixture.Gateway.App.Services.GetRequiredService<IConfiguration>();
        var clusters = configuration.GetSection("ReverseProxy:Clusters").GetChildren().ToList();

        Assert.Equal(GatewayFixture.ServiceNames.Order(StringComparer.Ordinal), clusters.Select(c => c.Key).Order(StringComparer.Ordinal));
        Assert.All(clusters, cluster => Assert.False(cluster.GetSection("SessionAffinity").Exists(), $"{cluster.Key} configures session affinity"));
        Assert.DoesNotContain("SessionAffinity", File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "appsettings.json")), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Every_route_points_at_a_configured_cluster()
    {
        var configuration = fixture.Gateway.App.Services.GetRequiredService<IConfiguration>();
        var clusters = configuration.GetSection("ReverseProxy:Clusters").GetChildren().Select(c => c.Key).ToHashSet(StringComparer.Ordinal);
        var routes = configuration.GetSection("ReverseProxy:Routes").GetChildren().ToList();

        Assert.NotEmpty(routes);
        Assert.All(routes, route => Assert.Contains(route["ClusterId"]!, clusters));
        Assert.All(clusters, cluster => Assert.Contains(routes, r => r["ClusterId"] == cluster && r["Match:Path"] == $"/openapi/{cluster}/v1.json"));
    }

    [Fact]
    public void The_shipped_gateway_queues_request_processing_to_the_thread_pool()
    {
        var transport = fixture.Gateway.App.Services.GetRequiredService<IOptions<SocketTransportOptions>>().Value;

        Assert.False(transport.UnsafePreferInlineScheduling);
    }

    [Fact]
    public async Task A_gateway_set_to_schedule_inline_runs_requests_on_the_io_thread_and_still_checks_tokens_and_forwards()
    {
        await using var gateway = await fixture.StartGatewayAsync(new Dictionary<string, string?> { ["Gateway:InlineScheduling"] = "true" });

        Assert.True(gateway.App.Services.GetRequiredService<IOptions<SocketTransportOptions>>().Value.UnsafePreferInlineScheduling);
        var echo = await (await gateway.CreateClient(TestTokens.For(Callers.Partner("partner-1"))).GetAsync("/v2/partners/profile/basic")).ReadEchoAsync();
        Assert.Equal("identity-api", echo.Service);
        var anonymous = await gateway.CreateClient().GetAsync("/v2/partners/profile/basic");
        await ProblemAssert.IsProblem(anonymous, HttpStatusCode.Unauthorized, "CBC.0154");
    }

    [Fact]
    public void The_shipped_defaults_limit_each_caller_and_address_to_10_requests_a_second_per_route()
    {
        var shipped = new ConfigurationBuilder().AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json")).Build();

        Assert.Equal("10", shipped["RateLimiting:Limit"]);
        Assert.Equal("00:00:01", shipped["RateLimiting:Window"]);
        Assert.Equal("true", shipped["Gateway:RateLimits:Enabled"], ignoreCase: true);
        Assert.Empty(shipped.GetSection("Gateway:RateLimits:Routes").GetChildren());
    }

    [Fact]
    public void The_shipped_public_routes_are_only_sign_in_sign_up_invitation_previews_saml_sso_health_docs_reference_and_password_reset()
    {
        var shipped = new ConfigurationBuilder().AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json")).Build();

        Assert.Equal(
            [
                "/v2/auth/login", "/v2/auth/refresh", "/v2/auth/customers/register", "/v2/partners/profile/register",
                "/v2/partners/sub-customers/invitations/preview", "/v2/partners/members/invitations/preview",
                "/v2/sso/**",
                "/health", "/alive", "/docs/**", "/openapi/**", "/v2/reference/**",
                "/v2/auth/password-resets", "/v2/auth/password-resets/confirm",
            ],
            shipped.GetSection("Gateway:PublicRoutes").Get<string[]>() ?? []);
    }

    [Fact]
    public async Task A_gateway_without_redis_configured_refuses_to_start_and_says_why()
    {
        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            fixture.StartGatewayAsync(new Dictionary<string, string?> { ["ConnectionStrings:redis"] = "" }));

        Assert.Contains("ConnectionStrings:redis", failure.Message, StringComparison.Ordinal);
    }
}

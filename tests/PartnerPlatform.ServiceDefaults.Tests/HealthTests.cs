using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using PartnerPlatform.ServiceDefaults.Tests.Infrastructure;

namespace PartnerPlatform.ServiceDefaults.Tests;

public sealed class HealthTests(PostgresDatabaseFixture postgres, RedisDatabaseFixture redis)
    : IClassFixture<PostgresDatabaseFixture>, IClassFixture<RedisDatabaseFixture>
{
    [Fact]
    public async Task Health_lists_every_ready_check_healthy_when_postgres_and_redis_answer()
    {
        await using var host = await SampleHost.StartAsync(
            settings: new Dictionary<string, string?>
            {
                ["ConnectionStrings:couponsdb"] = postgres.ConnectionString,
                ["ConnectionStrings:redis"] = redis.ConnectionString,
            },
            configure: builder =>
            {
                builder.AddPostgresHealthCheck("couponsdb");
                builder.Services.AddHealthChecks().AddCheck("eventbus", () => HealthCheckResult.Healthy(), [PlatformHealthChecks.ReadyTag]);
            });

        var (status, body) = await GetAsync(host, "/health");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("healthy", body.GetProperty("status").GetString());
        var checks = Checks(body);
        Assert.Equal(["eventbus", "postgres-couponsdb", "redis"], checks.Keys.Order());
        Assert.All(checks.Values, check =>
        {
            Assert.Equal("healthy", check.GetProperty("status").GetString());
            Assert.True(check.GetProperty("duration_ms").GetDouble() >= 0);
        });
    }

    [Fact]
    public async Task Alive_runs_only_the_liveness_checks()
    {
        await using var host = await SampleHost.StartAsync(
            settings: new Dictionary<string, string?> { ["ConnectionStrings:couponsdb"] = "Host=127.0.0.1;Port=1;Password=hunter2" },
            configure: builder => builder.AddPostgresHealthCheck("couponsdb"));

        var (status, body) = await GetAsync(host, "/alive");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(["self"], Checks(body).Keys);
    }

    [Fact]
    public async Task An_unreachable_database_makes_health_503_without_leaking_the_connection_string_or_the_error()
    {
        await using var host = await SampleHost.StartAsync(
            settings: new Dictionary<string, string?> { ["ConnectionStrings:couponsdb"] = $"Host=127.0.0.1;Port={ClosedPort()};Username=app;Password=hunter2" },
            configure: builder => builder.AddPostgresHealthCheck("couponsdb"));

        var response = await host.Client.GetAsync("/health");
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("unhealthy", Checks(JsonDocument.Parse(text).RootElement)["postgres-couponsdb"].GetProperty("status").GetString());
        Assert.DoesNotContain("hunter2", text, StringComparison.Ordinal);
        Assert.DoesNotContain("127.0.0.1", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("refused", text, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_database_that_never_answers_is_unhealthy_after_the_checks_timeout()
    {
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var port = ((IPEndPoint)silent.LocalEndpoint).Port;
        await using var host = await SampleHost.StartAsync(
            settings: new Dictionary<string, string?> { ["ConnectionStrings:couponsdb"] = $"Host=127.0.0.1;Port={port};Username=app;Password=x;Timeout=60" },
            configure: builder => builder.AddPostgresHealthCheck("couponsdb", timeout: TimeSpan.FromMilliseconds(300)));

        var stopwatch = Stopwatch.StartNew();
        var (status, body) = await GetAsync(host, "/health");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Equal("unhealthy", Checks(body)["postgres-couponsdb"].GetProperty("status").GetString());
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(30), $"The check was not bounded: {stopwatch.Elapsed}");
    }

    [Fact]
    public async Task An_unreachable_redis_degrades_health_but_keeps_the_service_ready()
    {
        await using var host = await SampleHost.StartAsync(
            settings: new Dictionary<string, string?> { ["ConnectionStrings:redis"] = $"127.0.0.1:{ClosedPort()},password=hunter2,connectTimeout=200" });

        var response = await host.Client.GetAsync("/health");
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonDocument.Parse(text).RootElement;
        Assert.Equal("degraded", body.GetProperty("status").GetString());
        Assert.Equal("degraded", Checks(body)["redis"].GetProperty("status").GetString());
        Assert.DoesNotContain("hunter2", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_degraded_check_keeps_health_200_and_publishes_its_figures_but_not_its_description()
    {
        await using var host = await SampleHost.StartAsync(
            configure: builder => builder.Services.AddHealthChecks().AddCheck(
                "outbox",
                () => HealthCheckResult.Degraded(
                    "secret description",
                    data: new Dictionary<string, object> { ["unsent"] = 30L, ["oldest_unsent_age_s"] = 12.5 }),
                [PlatformHealthChecks.ReadyTag]));

        var response = await host.Client.GetAsync("/health");
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonDocument.Parse(text).RootElement;
        Assert.Equal("degraded", body.GetProperty("status").GetString());
        var detail = Checks(body)["outbox"].GetProperty("detail");
        Assert.Equal(30, detail.GetProperty("unsent").GetInt64());
        Assert.Equal(12.5, detail.GetProperty("oldest_unsent_age_s").GetDouble());
        Assert.DoesNotContain("secret description", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Alive_answers_200_while_the_database_is_unreachable()
    {
        await using var host = await SampleHost.StartAsync(
            settings: new Dictionary<string, string?> { ["ConnectionStrings:couponsdb"] = $"Host=127.0.0.1;Port={ClosedPort()};Username=app;Password=x" },
            configure: builder => builder.AddPostgresHealthCheck("couponsdb"));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await host.Client.GetAsync("/health")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await host.Client.GetAsync("/alive")).StatusCode);
    }

    [Fact]
    public async Task A_postgres_check_for_a_connection_that_is_not_configured_fails_at_start()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => SampleHost.StartAsync(configure: builder => builder.AddPostgresHealthCheck("couponsdb")));
        Assert.Contains("ConnectionStrings:couponsdb", error.Message, StringComparison.Ordinal);
    }

    private static async Task<(HttpStatusCode Status, JsonElement Body)> GetAsync(SampleHost host, string path)
    {
        var response = await host.Client.GetAsync(path);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return (response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement);
    }

    private static Dictionary<string, JsonElement> Checks(JsonElement body) =>
        body.GetProperty("checks").EnumerateArray().ToDictionary(c => c.GetProperty("name").GetString()!, c => c);

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

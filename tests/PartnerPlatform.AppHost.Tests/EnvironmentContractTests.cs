using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;
using PartnerPlatform.Testing;

namespace PartnerPlatform.AppHost.Tests;

public sealed class EnvironmentContractTests(PlatformFixture fixture) : IClassFixture<PlatformFixture>
{
    private async Task<JsonElement> DownstreamEnvironmentAsync()
    {
        using var http = new HttpClient();
        return await http.GetFromJsonAsync<JsonElement>(new Uri(fixture.App.Snapshot("downstream").Url!, "/sample/environment"));
    }

    [Fact]
    public async Task A_project_gets_its_url_name_environment_connection_strings_and_service_urls()
    {
        var variables = (await DownstreamEnvironmentAsync()).GetProperty("variables");
        string Variable(string name) => variables.TryGetProperty(name, out var value) ? value.GetString()! : throw new Xunit.Sdk.XunitException($"{name} is not set");
        var downstream = fixture.App.Snapshot("downstream");
        var upstream = fixture.App.Snapshot("upstream");
        var servers = ServerEnvironment.Current;

        Assert.Equal($"http://127.0.0.1:{downstream.Port}", Variable("ASPNETCORE_URLS"));
        Assert.Equal("Development", Variable("ASPNETCORE_ENVIRONMENT"));
        Assert.Equal("downstream", Variable("OTEL_SERVICE_NAME"));
        Assert.Equal($"http://127.0.0.1:{upstream.Port}", Variable("services__upstream__http__0"));
        Assert.Equal(servers.RedisConnectionString, Variable("ConnectionStrings__redis"));
        Assert.Equal(servers.EventBusUri, new Uri(Variable("ConnectionStrings__eventbus")));
        var database = new NpgsqlConnectionStringBuilder(Variable("ConnectionStrings__sampledb"));
        var server = new NpgsqlConnectionStringBuilder(servers.PostgresConnectionString);
        Assert.Equal((fixture.DatabaseName, server.Port, server.Password), (database.Database, database.Port, database.Password));
        Assert.NotEqual(upstream.Port, downstream.Port);
    }

    [Fact]
    public async Task Only_referenced_resources_are_handed_to_a_project()
    {
        using var http = new HttpClient();
        var upstream = await http.GetFromJsonAsync<JsonElement>(new Uri(fixture.App.Snapshot("upstream").Url!, "/sample/environment"));
        var names = upstream.GetProperty("variables").EnumerateObject().Select(p => p.Name).ToList();

        Assert.DoesNotContain(names, n => n.StartsWith("ConnectionStrings__", StringComparison.Ordinal));
        Assert.DoesNotContain(names, n => n.StartsWith("services__", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_project_starts_only_once_what_it_waits_for_is_healthy()
    {
        // upstream answers 503 for its first 1.5 s; downstream probed it when it started.
        var environment = await DownstreamEnvironmentAsync();
        Assert.True(environment.GetProperty("dependencies_healthy_at_start").GetProperty("upstream").GetBoolean());
    }

    [Fact]
    public async Task Migrations_are_applied_in_a_separate_run_before_the_project_starts()
    {
        var environment = await DownstreamEnvironmentAsync();
        Assert.True(environment.GetProperty("migrated").GetBoolean());

        var lines = fixture.App.Resources.Single(r => r.Name == "downstream").Log.Read(0, 1000).Select(l => l.Text).ToList();
        var applied = lines.FindIndex(l => l == "migrations applied");
        var started = lines.FindIndex(l => l.StartsWith("started pid", StringComparison.Ordinal));
        Assert.InRange(applied, 0, started - 1);
        Assert.Equal(-1, fixture.App.Resources.Single(r => r.Name == "upstream").Log.Read(0, 1000).ToList().FindIndex(l => l.Text.Contains("migrations", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_declared_database_is_created_on_the_private_server()
    {
        var admin = new NpgsqlConnectionStringBuilder(ServerEnvironment.Current.PostgresConnectionString) { Database = "postgres", Pooling = false };
        await using var connection = new NpgsqlConnection(admin.ConnectionString);
        await connection.OpenAsync();
        await using var exists = new NpgsqlCommand("SELECT count(*) FROM pg_database WHERE datname = $1", connection);
        exists.Parameters.Add(new NpgsqlParameter { Value = fixture.DatabaseName });

        Assert.Equal(1L, await exists.ExecuteScalarAsync());
    }

    [Fact]
    public void Each_resources_log_lines_reach_the_console_with_its_name_as_prefix()
    {
        var output = fixture.CapturedOutput.Split('\n');

        Assert.Contains(output, l => l.StartsWith("[downstream]", StringComparison.Ordinal) && l.Contains("sample service ready", StringComparison.Ordinal));
        Assert.Contains(output, l => l.StartsWith("[upstream]", StringComparison.Ordinal) && l.Contains("sample service ready", StringComparison.Ordinal));
        Assert.Contains(output, l => l.StartsWith("[sampledb]", StringComparison.Ordinal) && l.Contains("created database " + fixture.DatabaseName, StringComparison.Ordinal));
    }

    [Fact]
    public void Servers_found_running_are_reused_without_a_start_and_would_be_left_running()
    {
        var log = fixture.App.Orchestrator.AppHostLog;

        Assert.True(log.Contains("the private servers already run: reusing them, and leaving them running on exit"));
        Assert.False(log.Contains("starting the private servers"));
        // Running servers are not started again: the script's start rewrites its state files.
        Assert.False(log.Contains("[servers] ready in"));
        Assert.DoesNotContain(fixture.App.Resources.OfType<ServerResource>(), s => s.Log.Contains("already running"));
    }

    [Fact]
    public async Task Demo_data_is_seeded_after_start_up_and_its_accounts_are_listed()
    {
        var summary = await fixture.Dashboard.GetFromJsonAsync<JsonElement>("api/summary");
        var account = Assert.Single(summary.GetProperty("demo_accounts").EnumerateArray());

        Assert.Equal("demo@sample.test", account.GetProperty("login").GetString());
        Assert.Equal("downstream", account.GetProperty("service").GetString());
        Assert.Contains(fixture.CapturedOutput.Split('\n'), l => l.Contains("demo account", StringComparison.Ordinal) && l.Contains("demo@sample.test", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_start_up_table_lists_the_dashboard_every_service_and_rabbitmq_management()
    {
        var summary = await fixture.Dashboard.GetFromJsonAsync<JsonElement>("api/summary");
        var rows = summary.GetProperty("rows").EnumerateArray()
            .ToDictionary(r => r.GetProperty("label").GetString()!, r => r.GetProperty("value").GetString()!);

        Assert.Equal(fixture.App.DashboardUrl.ToString(), rows["dashboard"]);
        Assert.Equal(fixture.App.Snapshot("upstream").Url!.ToString(), rows["upstream"]);
        Assert.Equal(fixture.App.Snapshot("downstream").Url!.ToString(), rows["downstream"]);
        Assert.StartsWith(ServerEnvironment.Current.RabbitMqManagementUrl.ToString(), rows["RabbitMQ management"], StringComparison.Ordinal);
        Assert.Equal("not declared yet", rows["gateway"]);
        Assert.Contains("PartnerPlatform is up", fixture.CapturedOutput, StringComparison.Ordinal);
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace PartnerPlatform.AppHost.Tests;

public sealed class DashboardTests(PlatformFixture fixture) : IClassFixture<PlatformFixture>
{
    private static readonly string[] AllResources = ["postgres", "eventbus", "redis", "sampledb", "upstream", "downstream"];

    [Fact]
    public async Task The_resource_list_shows_every_server_database_and_project_with_its_runtime_facts()
    {
        var list = await fixture.Dashboard.GetFromJsonAsync<JsonElement>("api/resources");
        var resources = list.GetProperty("resources").EnumerateArray().ToDictionary(r => r.GetProperty("name").GetString()!);

        Assert.Equal(AllResources, resources.Keys);
        Assert.True(list.GetProperty("all_healthy").GetBoolean());
        foreach (var (name, resource) in resources)
        {
            Assert.Equal(("running", "healthy"), (resource.GetProperty("state").GetString(), resource.GetProperty("health").GetString()));
            Assert.True(resource.GetProperty("port").GetInt32() > 0, name);
            Assert.Equal(0, resource.GetProperty("restarts").GetInt32());
        }

        foreach (var name in new[] { "postgres", "eventbus", "redis", "upstream", "downstream" })
        {
            var pid = resources[name].GetProperty("pid").GetInt32();
            Assert.True(SampleApp.IsAlive(pid), $"{name} pid {pid}");
            Assert.True(resources[name].GetProperty("uptime_seconds").GetDouble() >= 0, name);
        }

        Assert.Equal("project", resources["downstream"].GetProperty("type").GetString());
        Assert.True(resources["downstream"].GetProperty("can_control").GetBoolean());
        Assert.False(resources["postgres"].GetProperty("can_control").GetBoolean());
        Assert.Equal(["upstream"], resources["downstream"].GetProperty("waits_for").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task A_resources_recent_log_lines_are_served_after_a_sequence_number()
    {
        var first = await fixture.Dashboard.GetFromJsonAsync<JsonElement>("api/resources/upstream/logs?after=0&limit=1000");
        var lines = first.GetProperty("lines").EnumerateArray().ToList();
        Assert.Contains(lines, l => l.GetProperty("text").GetString()!.Contains("sample service ready", StringComparison.Ordinal));

        var next = first.GetProperty("next").GetInt64();
        var later = await fixture.Dashboard.GetFromJsonAsync<JsonElement>($"api/resources/upstream/logs?after={next}");
        Assert.All(later.GetProperty("lines").EnumerateArray(), l => Assert.True(l.GetProperty("sequence").GetInt64() > next));
    }

    [Theory]
    [InlineData("GET", "api/resources/nobody", HttpStatusCode.NotFound, "CBC.0156")]
    [InlineData("POST", "api/resources/nobody/restart", HttpStatusCode.NotFound, "CBC.0156")]
    [InlineData("POST", "api/resources/postgres/stop", HttpStatusCode.Conflict, "CBC.0150")]
    [InlineData("POST", "api/resources/sampledb/restart", HttpStatusCode.Conflict, "CBC.0150")]
    [InlineData("GET", "api/resources/upstream/logs?limit=0", HttpStatusCode.BadRequest, "CBC.0100")]
    public async Task Refused_requests_carry_an_error_code(string method, string path, HttpStatusCode status, string errorCode)
    {
        using var response = await fixture.Dashboard.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(errorCode, problem.GetProperty("error_code").GetString());
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("error_msg").GetString()));
    }

    [Fact]
    public async Task The_page_is_plain_html_that_polls_the_json_api()
    {
        using var response = await fixture.Dashboard.GetAsync("/");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("fetch(\"/api/resources\")", html, StringComparison.Ordinal);
    }

    [ChromiumFact]
    public async Task In_a_real_browser_the_dashboard_shows_every_resource_healthy()
    {
        var dom = await Chromium.DumpDomAsync(fixture.App.DashboardUrl);
        var rows = Chromium.ResourceRows(dom);

        Assert.Equal(AllResources, rows.Keys);
        Assert.All(rows, row => Assert.Equal(("running", "healthy"), row.Value));
        Assert.Contains($"{AllResources.Length} / {AllResources.Length} healthy", dom, StringComparison.Ordinal);

        var screenshot = await Chromium.ScreenshotAsync(fixture.App.DashboardUrl, Path.Combine(AppContext.BaseDirectory, "dashboard.png"));
        Assert.True(new FileInfo(screenshot).Length > 10_000, "the screenshot is (nearly) empty");
    }
}

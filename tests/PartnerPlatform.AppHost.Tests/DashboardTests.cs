using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;
using Aspire.Hosting.Testing;
using Xunit.Abstractions;

namespace PartnerPlatform.AppHost.Tests;

/// <summary>
/// The Aspire dashboard as a person sees it: Debian's chromium, headless, driven by playwright-core
/// (<c>dashboard/read-dashboard.mjs</c>; <c>./test</c> installs chromium, fonts-noto-cjk and the npm
/// packages of its lock file). Screenshots are kept in the test output folder.
/// </summary>
[Collection(nameof(PlatformCollection))]
public sealed partial class DashboardTests(PlatformFixture platform, ITestOutputHelper output)
{
    private static readonly string[] Running =
        [
            "postgres", "eventbus", "redis", "s3", "identitydb", "resellersdb", "couponsdb", "opportunitiesdb", "incentivesdb", "subscriptionfilesdb",
            .. PlatformFixture.Services, "gateway",
        ];

    [Fact]
    public async Task The_dashboard_shows_every_resource_running_and_healthy_and_every_run_finished()
    {
        var dashboard = await ReadDashboardAsync();
        var rows = dashboard.GetProperty("resources").EnumerateArray().Select(r => r.GetString()!.Split('\n')).Skip(1).ToList();
        output.WriteLine(string.Join('\n', rows.Select(r => string.Join(" | ", r))));

        foreach (var name in Running)
        {
            var row = Assert.Single(rows, r => Names(r[0], name));
            Assert.True(row[1] == "Running", $"{name}: {string.Join(" | ", row)}");
        }

        foreach (var run in PlatformFixture.Services.SelectMany(s => new[] { $"{s}-migrate", $"{s}-seed" }))
        {
            var row = Assert.Single(rows, r => r[0] == run);
            Assert.True(row[1] == "Finished", $"{run}: {string.Join(" | ", row)}");
        }

        var rabbit = Assert.Single(rows, r => r[0] == "eventbus");
        Assert.Contains("RabbitMQ management (user platform)", rabbit);
        var gateway = Assert.Single(rows, r => Names(r[0], "gateway"));
        Assert.Contains("docs", gateway);
    }

    [Fact]
    public async Task The_dashboard_traces_a_gateway_request_through_a_service_into_its_database_with_its_logs_and_metrics()
    {
        using (var gateway = platform.App.CreateHttpClient("gateway"))
        {
            gateway.DefaultRequestHeaders.Authorization = await EndToEndTests.SignInAsync(gateway, "vendor-admin", platform.VendorAdminPassword);
            await EndToEndTests.GetOkAsync(gateway, "v2/vendor/partners?limit=5");
        }

        JsonElement dashboard = default;
        for (var attempt = 0; attempt < 6; attempt++)
        {
            // Telemetry is exported in batches: give it a few seconds to arrive.
            await Task.Delay(TimeSpan.FromSeconds(5));
            dashboard = await ReadDashboardAsync("gateway", "identity-api");
            if (dashboard.GetProperty("trace").ValueKind == JsonValueKind.String)
            {
                break;
            }
        }

        output.WriteLine(string.Join('\n', dashboard.GetProperty("traces").EnumerateArray().Select(t => t.GetString())));
        Assert.True(dashboard.GetProperty("trace").ValueKind == JsonValueKind.String, "no trace on the dashboard spans gateway and identity-api");
        var trace = dashboard.GetProperty("trace").GetString()!;
        Assert.Contains("gateway", trace, StringComparison.Ordinal);
        Assert.Contains("identity-api", trace, StringComparison.Ordinal);
        Assert.Matches(DatabaseSpan(), trace);

        // The gateway's structured logs (a header row, then its entries) and its ASP.NET Core metrics.
        Assert.True(dashboard.GetProperty("logs").GetArrayLength() > 1, "the gateway has no structured log on the dashboard");
        Assert.Contains("http.server.request.duration", dashboard.GetProperty("metrics").GetString(), StringComparison.Ordinal);
    }

    /// <summary><c>identity-api</c>, or one of its replicas (<c>identity-api-abcdefgh</c>).</summary>
    private static bool Names(string cell, string resource) =>
        cell == resource || (cell.StartsWith(resource + "-", StringComparison.Ordinal) && ReplicaSuffix().IsMatch(cell[(resource.Length + 1)..]));

    private async Task<JsonElement> ReadDashboardAsync(params string[] traceResources)
    {
        var script = Path.Combine(ProjectFolder(), "dashboard", "read-dashboard.mjs");
        Assert.True(Directory.Exists(Path.Combine(ProjectFolder(), "dashboard", "node_modules", "playwright-core")),
            "playwright-core is not installed: ./test runs npm ci in tests/PartnerPlatform.AppHost.Tests/dashboard");
        var screenshots = Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(screenshots);
        var start = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { script, platform.DashboardUrl.ToString(), screenshots }.Concat(traceResources))
        {
            start.ArgumentList.Add(argument);
        }

        using var node = Process.Start(start)!;
        var stdout = node.StandardOutput.ReadToEndAsync();
        var stderr = node.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await node.WaitForExitAsync(timeout.Token);
        Assert.True(node.ExitCode == 0, $"the dashboard could not be read: {await stderr}");
        return JsonDocument.Parse(await stdout).RootElement.Clone();
    }

    private static string ProjectFolder()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "PartnerPlatform.AppHost.Tests.csproj")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("The test project's folder was not found above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex("^[a-z0-9]{8}$")]
    private static partial Regex ReplicaSuffix();

    [GeneratedRegex("postgresql|identitydb|npgsql", RegexOptions.IgnoreCase)]
    private static partial Regex DatabaseSpan();
}

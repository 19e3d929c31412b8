using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace PartnerPlatform.AppHost.Tests;

/// <summary>
/// The platform up from the AppHost itself (<c>Projects.PartnerPlatform_AppHost</c>), with the Aspire
/// dashboard, started once for the tests of <see cref="PlatformCollection"/>: servers in a data
/// folder of its own, every password chosen here (never the developer's user secrets or
/// <c>.data</c>), the demo data seeded. Stopped at the end; the test run checks nothing is left.
/// </summary>
public sealed class PlatformFixture : IAsyncLifetime
{
    public static readonly string[] Services =
        ["identity-api", "resellers-api", "coupons-api", "opportunities-api", "incentives-api", "subscription-files-api"];

    private readonly int _replicas;

    private readonly Action<IDistributedApplicationTestingBuilder>? _configure;

    /// <summary>Eight minutes per instance of each service: a two-core machine under load starts them one by one.</summary>
    private readonly TimeSpan _startTimeout;

    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("apphost-tests-").FullName;

    private DistributedApplication? _app;

    public PlatformFixture()
        : this(1, null)
    {
    }

    /// <summary>A platform of its own with <paramref name="replicas"/> instances of every service and gateway (xunit creates fixtures with the constructor above only).</summary>
    internal PlatformFixture(int replicas, Action<IDistributedApplicationTestingBuilder>? configure)
    {
        _replicas = replicas;
        _configure = configure;
        _startTimeout = TimeSpan.FromMinutes(8 * replicas);
    }

    public string VendorAdminPassword { get; } = NewPassword();

    public string DemoPassword { get; } = NewPassword();

    /// <summary>Where the dashboard listens once started.</summary>
    public Uri DashboardUrl { get; private set; } = new($"http://127.0.0.1:{FreePort()}/");

    public TimeSpan TimeToAllHealthy { get; private set; }

    public DistributedApplication App => _app ?? throw new InvalidOperationException("The platform has not started.");

    public async Task InitializeAsync()
    {
        // The postgres and rabbitmq users must reach the servers' folders.
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(_dataDirectory, (UnixFileMode)0b111_101_101);
        }
        string[] args =
        [
            "--environment=Development",
            $"--LocalServers:DataDirectory={_dataDirectory}",
            $"--Parameters:postgres-password={NewPassword()}",
            $"--Parameters:eventbus-password={NewPassword()}",
            $"--Parameters:redis-password={NewPassword()}",
            $"--Parameters:vendor-admin-password={VendorAdminPassword}",
            $"--Parameters:demo-password={DemoPassword}",
            $"--Parameters:verification-code-key={NewPassword()}",
            $"--Parameters:export-pseudonym-key={NewPassword()}",
            "--Platform:DemoData=true",
            $"--ASPNETCORE_URLS={DashboardUrl.ToString().TrimEnd('/')}",
            $"--ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL=http://127.0.0.1:{FreePort()}",
            $"--ASPIRE_RESOURCE_SERVICE_ENDPOINT_URL=http://127.0.0.1:{FreePort()}",
            "--ASPIRE_DASHBOARD_UNSECURED_ALLOW_ANONYMOUS=true",
            "--ASPIRE_VERSION_CHECK_DISABLED=true",
            $"--Platform:Replicas={_replicas}",
        ];
        var started = Stopwatch.StartNew();
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.PartnerPlatform_AppHost>(
            args,
            (options, _) =>
            {
                options.DisableDashboard = false;
                options.AllowUnsecuredTransport = true;
            });
        _configure?.Invoke(builder);
        _app = await builder.BuildAsync();
        using var timeout = new CancellationTokenSource(_startTimeout);
        await _app.StartAsync(timeout.Token);
        // The testing builder gives the dashboard ports of its own choosing.
        DashboardUrl = new Uri(_app.GetEndpoint("aspire-dashboard", "http").ToString().TrimEnd('/') + "/");
        var notifications = _app.Services.GetRequiredService<ResourceNotificationService>();
        await Task.WhenAll(Services.Append("gateway").Select(name => notifications.WaitForResourceHealthyAsync(name, timeout.Token)));
        TimeToAllHealthy = started.Elapsed;
        // The seeders run one after another: the last one's end is the end of the demo data.
        await notifications.WaitForResourceAsync($"{Services[^1]}-seed", KnownResourceStates.TerminalStates, timeout.Token);
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        // The orchestrator stops the servers once the application is gone: wait for that before the folder goes.
        var deadline = Stopwatch.StartNew();
        while (ProcessesUsing(_dataDirectory).Count > 0 && deadline.Elapsed < TimeSpan.FromSeconds(60))
        {
            await Task.Delay(500);
        }

        Directory.Delete(_dataDirectory, recursive: true);
    }

    /// <summary>The processes whose command line names <paramref name="text"/>.</summary>
    public static List<int> ProcessesUsing(string text) =>
        [.. Directory.EnumerateDirectories("/proc")
            .Select(Path.GetFileName)
            .Where(name => name!.All(char.IsAsciiDigit))
            .Select(name => (Pid: int.Parse(name!, System.Globalization.CultureInfo.InvariantCulture), CommandLine: ReadCommandLine(name!)))
            .Where(p => p.CommandLine.Contains(text, StringComparison.Ordinal))
            .Select(p => p.Pid)];

    public string DataDirectory => _dataDirectory;

    private static string ReadCommandLine(string pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ');
        }
        catch (IOException)
        {
            return "";
        }
        catch (UnauthorizedAccessException)
        {
            return "";
        }
    }

    private static string NewPassword() => RandomNumberGenerator.GetString("abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789", 24) + "a1B";

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

[CollectionDefinition(nameof(PlatformCollection))]
public sealed class PlatformCollection : ICollectionFixture<PlatformFixture>;

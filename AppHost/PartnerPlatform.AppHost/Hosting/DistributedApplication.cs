using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Logging.Console;
using PartnerPlatform.AppHost.Apis;
using PartnerPlatform.AppHost.Orchestration;

namespace PartnerPlatform.AppHost;

/// <summary>
/// The running platform: the orchestrator plus the ops dashboard it serves on 127.0.0.1.
/// <see cref="Run"/> blocks until Ctrl+C/SIGTERM and then stops everything it started.
/// </summary>
public sealed class DistributedApplication : IAsyncDisposable
{
    private readonly WebApplication _web;

    internal DistributedApplication(IReadOnlyList<Resource> resources, DistributedApplicationOptions options)
    {
        Options = options;
        Orchestrator = new Orchestrator(resources, options);
        var port = PortOrFree(options.DashboardPort);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port));
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(console => console.SingleLine = true);
        // Only problems of the dashboard itself, whatever an appsettings file nearby says.
        builder.Logging.AddFilter<ConsoleLoggerProvider>(null, LogLevel.Warning);
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromMinutes(2));
        builder.Services.Configure<ConsoleLifetimeOptions>(lifetime => lifetime.SuppressStatusMessages = true);
        builder.Services.ConfigureHttpJsonOptions(json =>
        {
            json.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
            json.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower));
        });
        builder.Services.AddSingleton(Orchestrator);
        _web = builder.Build();
        _web.MapDashboardApi();
        DashboardUrl = new Uri($"http://127.0.0.1:{port}/");
        Orchestrator.DashboardUrl = DashboardUrl;
    }

    public DistributedApplicationOptions Options { get; }

    public Uri DashboardUrl { get; }

    public IReadOnlyList<Resource> Resources => Orchestrator.Resources;

    internal Orchestrator Orchestrator { get; }

    /// <summary>The command-line entry: <c>--help</c> prints the options, a wrong argument exits with 2.</summary>
    public static DistributedApplicationBuilder CreateBuilder(string[] args)
    {
        if (args is ["--help"] or ["-h"])
        {
            Console.WriteLine(DistributedApplicationOptions.Usage);
            Environment.Exit(0);
        }

        try
        {
            return new(DistributedApplicationOptions.FromArgs(args));
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException)
        {
            Console.Error.WriteLine(ex.Message);
            Environment.Exit(2);
            throw;
        }
    }

    public static DistributedApplicationBuilder CreateBuilder(DistributedApplicationOptions options) => new(options);

    /// <summary>Serves the dashboard and starts bringing the resources up (without waiting for them).</summary>
    public async Task StartAsync(CancellationToken ct = default)
    {
        await _web.StartAsync(ct);
        Orchestrator.AppHostLog.Append("apphost", $"dashboard on {DashboardUrl}");
        Orchestrator.Start();
    }

    /// <summary>Waits until every resource is healthy; fails fast when the servers or the build fail.</summary>
    public async Task WaitForAllHealthyAsync(CancellationToken ct = default)
    {
        var finished = await Task.WhenAny(Orchestrator.AllHealthy, Orchestrator.StartupFailed).WaitAsync(ct);
        if (finished == Orchestrator.StartupFailed)
        {
            throw new InvalidOperationException(await Orchestrator.StartupFailed);
        }
    }

    /// <summary>Stops every process it started (and the servers it started) and reports what is left.</summary>
    public async Task<StopReport> StopAsync()
    {
        var report = await Orchestrator.StopAsync();
        await _web.StopAsync();
        return report;
    }

    public void Run() => RunAsync().GetAwaiter().GetResult();

    /// <summary>Runs until Ctrl+C/SIGTERM (or a start-up failure), then stops everything; sets the exit code.</summary>
    public async Task RunAsync()
    {
        await StartAsync();
        var stopping = Task.Delay(Timeout.Infinite, _web.Lifetime.ApplicationStopping).ContinueWith(_ => { }, TaskScheduler.Default);
        var failed = await Task.WhenAny(stopping, Orchestrator.StartupFailed) == Orchestrator.StartupFailed;
        var report = await Orchestrator.StopAsync();
        await _web.StopAsync();
        Environment.ExitCode = failed ? 1 : report.Leftovers.Count > 0 ? 2 : 0;
    }

    public async ValueTask DisposeAsync()
    {
        await Orchestrator.StopAsync();
        await _web.DisposeAsync();
    }

    private static int PortOrFree(int wanted)
    {
        if (wanted > 0)
        {
            try
            {
                using var probe = new TcpListener(IPAddress.Loopback, wanted);
                probe.Start();
                return wanted;
            }
            catch (SocketException)
            {
                // taken: fall back to a free one
            }
        }

        return DistributedApplicationBuilder.FreeLoopbackPort(new HashSet<int>());
    }
}

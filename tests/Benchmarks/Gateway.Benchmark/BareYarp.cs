using Yarp.ReverseProxy.Configuration;

namespace Gateway.Benchmark;

/// <summary>
/// YARP with nothing of the gateway's around it — one catch-all route to the upstream, no token
/// check, rate limits, header rules, telemetry or problem details — run as a process of its own
/// (<c>Gateway.Benchmark.dll bare-yarp</c>) with the gateway's runtime settings. Measured beside
/// nginx and the gateway, it splits the gateway's distance from nginx into what the proxy itself
/// costs on this machine and what the gateway's own work adds.
/// </summary>
internal static class BareYarp
{
    public const string Verb = "bare-yarp";
    public const string UpstreamVariable = "BENCHMARK_BARE_YARP_UPSTREAM";

    /// <summary>The gateway's runtime settings (its .csproj), given as environment to the bare proxy's process.</summary>
    public static readonly IReadOnlyDictionary<string, string> RuntimeEnvironment = new Dictionary<string, string>
    {
        ["DOTNET_gcServer"] = "0",
        ["DOTNET_gcConcurrent"] = "0",
        ["DOTNET_ThreadPool_UnfairSemaphoreSpinLimit"] = "0",
        ["Logging__LogLevel__Default"] = "Warning",
    };

    public static async Task RunAsync()
    {
        var upstream = Environment.GetEnvironmentVariable(UpstreamVariable)
            ?? throw new InvalidOperationException($"{UpstreamVariable} is not set.");
        var builder = WebApplication.CreateSlimBuilder();
        builder.Services.AddReverseProxy().LoadFromMemory(
            [new RouteConfig { RouteId = "all", ClusterId = "upstream", Match = new RouteMatch { Path = "{**catch-all}" } }],
            [new ClusterConfig { ClusterId = "upstream", Destinations = new Dictionary<string, DestinationConfig> { ["upstream"] = new() { Address = upstream } } }]);
        var app = builder.Build();
        app.MapGet("/alive", () => "alive");
        app.MapReverseProxy();
        await app.RunAsync();
    }
}

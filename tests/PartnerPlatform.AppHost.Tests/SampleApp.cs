using PartnerPlatform.AppHost.Orchestration;
using PartnerPlatform.Testing;

namespace PartnerPlatform.AppHost.Tests;

/// <summary>Builds AppHost applications around the sample service for the tests.</summary>
internal static class SampleApp
{
    public static string RepositoryRoot { get; } = ServerEnvironment.Current.RepositoryRoot
        ?? throw new InvalidOperationException("PartnerPlatform.sln not found above the test folder.");

    public static string ProjectPath { get; } =
        Path.Combine(RepositoryRoot, "tests", "PartnerPlatform.AppHost.Tests", "SampleService", "SampleService.csproj");

    /// <summary>The configuration the tests (and so the sample service) were built with.</summary>
    public static string Configuration { get; } =
        typeof(SampleApp).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyConfigurationAttribute), false)
            .OfType<System.Reflection.AssemblyConfigurationAttribute>().Single().Configuration;

    public static DistributedApplicationBuilder CreateBuilder(TextWriter output, bool build = false) =>
        DistributedApplication.CreateBuilder(new DistributedApplicationOptions
        {
            RepositoryRoot = RepositoryRoot,
            DashboardPort = 0,
            Build = build,
            Configuration = Configuration,
            // The shared servers are never stopped by a test, even one that found them stopped.
            KeepServers = true,
            Output = output,
            Colours = false,
            RestartPolicy = new RestartPolicy(TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(30)),
            HealthCheckInterval = TimeSpan.FromMilliseconds(500),
            StopTimeout = TimeSpan.FromSeconds(5),
        });

    public static IResourceBuilder<ProjectResource> AddSample(this DistributedApplicationBuilder builder, string name) =>
        builder.AddProject(name, ProjectPath).WithHttpHealthCheck("/health");

    public static async Task StartHealthyAsync(this DistributedApplication app, TimeSpan? limit = null)
    {
        await app.StartAsync();
        using var timeout = new CancellationTokenSource(limit ?? TimeSpan.FromSeconds(90));
        await app.WaitForAllHealthyAsync(timeout.Token);
    }

    public static ResourceSnapshot Snapshot(this DistributedApplication app, string name) =>
        app.Orchestrator.Snapshot(app.Resources.Single(r => r.Name == name));

    /// <summary>Polls until <paramref name="condition"/> holds; fails with <paramref name="what"/> after the limit.</summary>
    public static async Task EventuallyAsync(Func<Task<bool>> condition, string what, TimeSpan? limit = null)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        while (!await condition())
        {
            if (System.Diagnostics.Stopwatch.GetElapsedTime(started) > (limit ?? TimeSpan.FromSeconds(30)))
            {
                Assert.Fail("Timed out waiting until " + what);
            }

            await Task.Delay(100);
        }
    }

    public static Task EventuallyAsync(Func<bool> condition, string what, TimeSpan? limit = null) =>
        EventuallyAsync(() => Task.FromResult(condition()), what, limit);

    /// <summary>Independent of the AppHost's own bookkeeping: is there a live process with this id?</summary>
    public static bool IsAlive(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[stat.LastIndexOf(')') + 2] != 'Z';
        }
        catch (IOException)
        {
            return false;
        }
    }
}

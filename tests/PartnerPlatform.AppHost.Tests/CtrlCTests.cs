using System.Diagnostics;
using PartnerPlatform.AppHost.Orchestration;

namespace PartnerPlatform.AppHost.Tests;

/// <summary>
/// The real AppHost executable (today's Program.cs: the three servers and the key ring database)
/// against a dedicated set of servers in a temporary data folder, stopped with SIGINT as Ctrl+C does.
/// The shared servers are never touched. (That servers found running are left running is checked
/// against the shared servers in <see cref="EnvironmentContractTests"/>.)
/// </summary>
public sealed class CtrlCTests : IDisposable
{
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("apphost-servers-").FullName;
    private readonly List<string> _output = [];

    private string Servers => Path.Combine(SampleApp.RepositoryRoot, "deploy", "local", "servers");

    private static string AppHostDll => Path.Combine(
        SampleApp.RepositoryRoot, "AppHost", "PartnerPlatform.AppHost", "bin", SampleApp.Configuration, "net10.0", "PartnerPlatform.AppHost.dll");

    [Fact]
    public async Task Ctrl_C_stops_the_servers_the_apphost_started_and_leaves_no_process_behind()
    {
        var exitCode = await RunAppHostUntilHealthyThenInterruptAsync(
            pids => Assert.All(pids, pid => Assert.False(SampleApp.IsAlive(pid), $"server pid {pid} survived Ctrl+C")));
        if (exitCode is null)
        {
            // deploy/local/servers picks random ports that can collide with a busy machine's
            // outgoing connections; a second start picks other ports.
            _output.Clear();
            exitCode = await RunAppHostUntilHealthyThenInterruptAsync(
                pids => Assert.All(pids, pid => Assert.False(SampleApp.IsAlive(pid), $"server pid {pid} survived Ctrl+C")));
        }

        Assert.Equal(0, exitCode);
        Assert.Contains(_output, l => l.Contains("stopping the private servers it started", StringComparison.Ordinal));
        Assert.Contains(_output, l => l.Contains("stopped: no process left behind", StringComparison.Ordinal));
    }

    public void Dispose()
    {
        _ = RunServersAsync("stop").GetAwaiter().GetResult();
        Directory.Delete(_dataDirectory, recursive: true);
    }

    /// <summary>The AppHost's exit code after SIGINT; null when the servers could not start.</summary>
    private async Task<int?> RunAppHostUntilHealthyThenInterruptAsync(Action<IReadOnlyList<int>> checkServers)
    {
        Assert.True(File.Exists(AppHostDll), $"{AppHostDll} is not built");
        var environment = new Dictionary<string, string> { ["PP_DATA_DIR"] = _dataDirectory, ["DOTNET_ENVIRONMENT"] = "Development" };
        using var apphost = ManagedProcess.Start(
            Environment.ProcessPath!, [AppHostDll, "--dashboard-port", "0", "--no-build"], SampleApp.RepositoryRoot, environment,
            (line, _) =>
            {
                lock (_output)
                {
                    _output.Add(line);
                }
            });
        try
        {
            await SampleApp.EventuallyAsync(
                () => HasLine("resources healthy") || apphost.Exited.IsCompleted, "the AppHost reports every resource healthy", TimeSpan.FromSeconds(120));
            if (apphost.Exited.IsCompleted && HasLine("the private servers could not start"))
            {
                await apphost.DrainOutputAsync(TimeSpan.FromSeconds(2));
                Assert.True(HasLine("stopped: no process left behind"), string.Join('\n', _output));
                return null;
            }

            Assert.False(apphost.Exited.IsCompleted, "the AppHost exited early:\n" + string.Join('\n', _output));
            var servers = ServerPids();
            Assert.Equal(3, servers.Count);

            Process.Start("kill", ["-INT", apphost.Pid.ToString(System.Globalization.CultureInfo.InvariantCulture)]).WaitForExit();
            var exitCode = await apphost.Exited.WaitAsync(TimeSpan.FromSeconds(60));
            await apphost.DrainOutputAsync(TimeSpan.FromSeconds(2));

            checkServers(servers);
            Assert.Empty(ProcessGroup.Members(apphost.Pid));
            return exitCode;
        }
        finally
        {
            await apphost.StopAsync(TimeSpan.FromSeconds(5));
        }
    }

    private bool HasLine(string text)
    {
        lock (_output)
        {
            return _output.Any(l => l.Contains(text, StringComparison.Ordinal));
        }
    }

    /// <summary>postgres, rabbitmq and redis pids of the dedicated instance that are alive.</summary>
    private List<int> ServerPids() =>
        new[] { "postgres/data/postmaster.pid", "rabbitmq/rabbitmq.pid", "redis/redis.pid" }
            .Select(f => Path.Combine(_dataDirectory, f))
            .Where(File.Exists)
            .Select(f => int.Parse(File.ReadLines(f).First().Trim(), System.Globalization.CultureInfo.InvariantCulture))
            .Where(SampleApp.IsAlive)
            .ToList();

    private async Task<int> RunServersAsync(string command)
    {
        var environment = new Dictionary<string, string> { ["PP_DATA_DIR"] = _dataDirectory };
        using var script = ManagedProcess.Start(Servers, [command], SampleApp.RepositoryRoot, environment, (_, _) => { });
        var exitCode = await script.Exited.WaitAsync(TimeSpan.FromMinutes(3));
        await script.DrainOutputAsync(TimeSpan.FromSeconds(2));
        return exitCode;
    }
}

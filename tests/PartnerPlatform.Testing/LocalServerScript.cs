using System.Diagnostics;

namespace PartnerPlatform.Testing;

/// <summary>
/// Runs <c>deploy/local/servers</c> on a private data folder (<c>PP_DATA_DIR</c>), so a test class
/// gets a server of its own that it may stop and start; the shared servers are never touched.
/// </summary>
internal sealed class LocalServerScript
{
    private static readonly TimeSpan ScriptTimeout = TimeSpan.FromSeconds(120);

    public LocalServerScript(string component)
    {
        Component = component;
        RepositoryRoot = ServerEnvironment.Current.RepositoryRoot
            ?? throw new InvalidOperationException("The repository root (PartnerPlatform.sln) was not found above the test output.");
        DataDirectory = Path.Combine(RepositoryRoot, ".data", component + "-" + Guid.NewGuid().ToString("N")[..12]);
    }

    public string Component { get; }

    public string RepositoryRoot { get; }

    public string DataDirectory { get; }

    public Task StartAsync() => RunAsync("start");

    public Task StopAsync() => RunAsync("stop");

    /// <summary>The value of <paramref name="key"/> in the env file the script wrote for this folder.</summary>
    public async Task<string> ReadEnvironmentAsync(string key)
    {
        var values = ServerEnvironment.ParseEnvFile(await File.ReadAllLinesAsync(Path.Combine(DataDirectory, "servers.env")))
            .ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
        return values[key];
    }

    public async Task RemoveAsync()
    {
        try
        {
            await StopAsync();
        }
        finally
        {
            if (Directory.Exists(DataDirectory))
            {
                Directory.Delete(DataDirectory, recursive: true);
            }
        }
    }

    private async Task RunAsync(string verb)
    {
        var start = new ProcessStartInfo(Path.Combine(RepositoryRoot, "deploy", "local", "servers"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = RepositoryRoot,
        };
        start.ArgumentList.Add(verb);
        start.ArgumentList.Add(Component);
        start.Environment["PP_DATA_DIR"] = DataDirectory;
        using var process = Process.Start(start) ?? throw new InvalidOperationException("deploy/local/servers did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(ScriptTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"deploy/local/servers {verb} {Component} did not finish within {ScriptTimeout}.");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"deploy/local/servers {verb} {Component} failed ({process.ExitCode}): {await output}{await errors}");
        }
    }
}

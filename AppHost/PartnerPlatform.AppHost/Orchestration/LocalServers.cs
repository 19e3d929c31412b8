namespace PartnerPlatform.AppHost.Orchestration;

/// <summary>
/// The private PostgreSQL, RabbitMQ and Redis instances, through <c>deploy/local/servers</c>
/// (which installs what is missing and starts or reuses the instances) and the env file it writes.
/// </summary>
internal sealed class LocalServers(string repositoryRoot, Action<string, bool> onLine)
{
    private string Script => Path.Combine(repositoryRoot, "deploy", "local", "servers");

    /// <summary>The servers' data folder: <c>PP_DATA_DIR</c> when set, as the script itself reads it.</summary>
    public string DataDirectory =>
        Environment.GetEnvironmentVariable("PP_DATA_DIR") is { Length: > 0 } custom
            ? custom
            : Path.Combine(repositoryRoot, ".data", "servers");

    public string EnvFile => Path.Combine(DataDirectory, "servers.env");

    /// <summary>True when every server already runs (so this AppHost must leave them running).</summary>
    public async Task<bool> AllRunningAsync(CancellationToken ct)
    {
        var lines = new List<string>();
        var exitCode = await RunScriptAsync("status", (line, _) => lines.Add(line), ct);
        return exitCode == 0 && lines.Count > 0 && !lines.Any(l => l.Contains(" stopped", StringComparison.Ordinal));
    }

    public async Task StartAsync(CancellationToken ct)
    {
        var exitCode = await RunScriptAsync("start", onLine, ct);
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"deploy/local/servers start failed with exit code {exitCode}.");
        }
    }

    public Task<int> StopAsync() => RunScriptAsync("stop", onLine, CancellationToken.None);

    /// <summary>
    /// The env file's values. The script rewrites the file in place on every start, so another
    /// start (a test run's) may be writing it at this moment: read again until the keys are there.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, string>> ReadEnvAsync(IReadOnlyCollection<string> requiredKeys, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            var values = await ReadEnvOnceAsync(ct);
            if (attempt == 20 || requiredKeys.All(values.ContainsKey))
            {
                return values;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(250), ct);
        }
    }

    private async Task<Dictionary<string, string>> ReadEnvOnceAsync(CancellationToken ct)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var raw in await File.ReadAllLinesAsync(EnvFile, ct))
        {
            var line = raw.Trim();
            var equals = line.IndexOf('=', StringComparison.Ordinal);
            if (line.StartsWith('#') || equals <= 0)
            {
                continue;
            }

            var value = line[(equals + 1)..];
            if (value.Length >= 2 && value[0] == '\'' && value[^1] == '\'')
            {
                value = value[1..^1];
            }

            values[line[..equals]] = value;
        }

        return values;
    }

    private async Task<int> RunScriptAsync(string command, Action<string, bool> lineSink, CancellationToken ct)
    {
        // Its own session: a Ctrl+C in the terminal must not kill the script half-way through a start.
        using var process = ManagedProcess.Start(Script, [command], repositoryRoot, new Dictionary<string, string>(), lineSink);
        int exitCode;
        try
        {
            exitCode = await process.Exited.WaitAsync(ct);
        }
        catch (OperationCanceledException)
        {
            // Let a start finish, so a following stop knows exactly what runs.
            exitCode = await process.Exited;
        }

        await process.DrainOutputAsync(TimeSpan.FromSeconds(2));
        return exitCode;
    }
}

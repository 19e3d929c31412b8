using System.Diagnostics;

namespace PartnerPlatform.Testing;

/// <summary>
/// A service's built dll (copied next to the test assembly) run once with a verb such as
/// <c>--migrate</c> or <c>--seed-demo-data</c>, as the AppHost runs it: its exit code and both outputs.
/// </summary>
public sealed record ServiceVerbRun(int ExitCode, string Output, string Errors)
{
    /// <summary>The output's lines that start with <paramref name="prefix"/>, in order.</summary>
    public IReadOnlyList<string> LinesStartingWith(string prefix) =>
        [.. Output.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.StartsWith(prefix, StringComparison.Ordinal))];

    /// <summary>Runs <c>dotnet {assemblyFileName} {verb}</c> with <paramref name="environment"/> added, killed after <paramref name="timeout"/> (90 s).</summary>
    public static async Task<ServiceVerbRun> RunAsync(
        string assemblyFileName, string verb, IReadOnlyDictionary<string, string> environment, TimeSpan? timeout = null)
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, assemblyFileName), verb])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"dotnet {assemblyFileName} did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var limit = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(90));
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{assemblyFileName} {verb} did not exit in time:\n{await output}\n{await errors}");
        }

        return new ServiceVerbRun(process.ExitCode, await output, await errors);
    }

    public override string ToString() => $"exit {ExitCode}\n{Output}\n{Errors}";
}

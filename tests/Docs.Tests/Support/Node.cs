using System.Diagnostics;

namespace Docs.Tests.Support;

public sealed record NodeResult(int ExitCode, string Output, string Error)
{
    public override string ToString() => $"exit {ExitCode}\n{Output}\n{Error}";
}

/// <summary>
/// Runs the Node tools of <c>client/</c> (openapi-typescript, tsc, @asyncapi/parser, playwright-core),
/// installed from its lock file with <c>npm ci</c> the first time (<c>./test</c> installs them before the tests).
/// </summary>
internal static class Node
{
    private static readonly SemaphoreSlim Install = new(1, 1);

    public static async Task EnsureInstalledAsync()
    {
        await Install.WaitAsync();
        try
        {
            var installedLock = Path.Combine(Repository.ClientFolder, "node_modules", ".package-lock.json");
            if (File.Exists(installedLock))
            {
                return;
            }

            var result = await RunAsync("npm", ["ci", "--no-audit", "--no-fund", "--ignore-scripts", "--loglevel=error"], TimeSpan.FromMinutes(5));
            Assert.True(result.ExitCode == 0, "npm ci failed in tests/Docs.Tests/client:\n" + result);
        }
        finally
        {
            Install.Release();
        }
    }

    /// <summary>A script or a package's command line in <c>client/</c>: <c>node {script} {args}</c>.</summary>
    public static async Task<NodeResult> ScriptAsync(string script, IEnumerable<string> arguments, TimeSpan timeout)
    {
        await EnsureInstalledAsync();
        return await RunAsync("node", [script, .. arguments], timeout);
    }

    private static async Task<NodeResult> RunAsync(string program, IEnumerable<string> arguments, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(program)
        {
            WorkingDirectory = Repository.ClientFolder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["npm_config_update_notifier"] = "false";
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} {string.Join(' ', arguments)} did not finish in {timeout}.");
        }

        return new NodeResult(process.ExitCode, await output, await error);
    }
}

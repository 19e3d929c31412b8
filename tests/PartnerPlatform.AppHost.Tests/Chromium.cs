using System.Text.RegularExpressions;
using PartnerPlatform.AppHost.Orchestration;

namespace PartnerPlatform.AppHost.Tests;

/// <summary>
/// Headless Chromium from Debian's <c>chromium</c> package, installed with apt-get when missing
/// (the CI machine starts clean and runs as root).
/// </summary>
internal static partial class Chromium
{
    private const string Binary = "/usr/bin/chromium";
    private static readonly SemaphoreSlim InstallGate = new(1, 1);

    public static bool IsInstalled => File.Exists(Binary);

    public static bool CanInstall => Environment.UserName == "root" && File.Exists("/usr/bin/apt-get");

    public static async Task EnsureInstalledAsync()
    {
        await InstallGate.WaitAsync();
        try
        {
            if (IsInstalled)
            {
                return;
            }

            var log = new List<string>();
            var exitCode = await RunAsync("/bin/sh", ["-c", "DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium || { apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium; }"], log, TimeSpan.FromMinutes(10));
            Assert.True(exitCode == 0 && IsInstalled, "apt-get install chromium failed:\n" + string.Join('\n', log.TakeLast(30)));
        }
        finally
        {
            InstallGate.Release();
        }
    }

    public static async Task<string> DumpDomAsync(Uri url)
    {
        var output = new List<string>();
        var exitCode = await RunBrowserAsync(["--virtual-time-budget=5000", "--dump-dom", url.ToString()], output);
        var dom = string.Join('\n', output);
        Assert.True(exitCode == 0 && dom.Contains("</html>", StringComparison.Ordinal), $"chromium --dump-dom failed ({exitCode}):\n{dom}");
        return dom;
    }

    public static async Task<string> ScreenshotAsync(Uri url, string file)
    {
        File.Delete(file);
        var output = new List<string>();
        var exitCode = await RunBrowserAsync(["--virtual-time-budget=5000", "--screenshot=" + file, "--window-size=1280,900", url.ToString()], output);
        Assert.True(exitCode == 0 && File.Exists(file), $"chromium --screenshot failed ({exitCode}):\n{string.Join('\n', output)}");
        return file;
    }

    /// <summary>resource name → (state, health) from the rows' data attributes.</summary>
    public static Dictionary<string, (string State, string Health)> ResourceRows(string dom) =>
        RowPattern().Matches(dom).ToDictionary(
            m => m.Groups["name"].Value,
            m => (m.Groups["state"].Value, m.Groups["health"].Value));

    private static async Task<int> RunBrowserAsync(IEnumerable<string> arguments, List<string> output)
    {
        await EnsureInstalledAsync();
        var profile = Directory.CreateTempSubdirectory("apphost-chromium-");
        try
        {
            string[] flags =
            [
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--user-data-dir=" + profile.FullName,
            ];
            return await RunAsync(Binary, [.. flags, .. arguments], output, TimeSpan.FromSeconds(60));
        }
        finally
        {
            profile.Delete(recursive: true);
        }
    }

    /// <summary>Runs a command in its own process group and makes sure nothing of it outlives the call.</summary>
    private static async Task<int> RunAsync(string file, IReadOnlyList<string> arguments, List<string> output, TimeSpan limit)
    {
        using var process = ManagedProcess.Start(file, arguments, Path.GetTempPath(), new Dictionary<string, string>(), (line, isError) =>
        {
            if (!isError)
            {
                lock (output)
                {
                    output.Add(line);
                }
            }
        });
        try
        {
            var exitCode = await process.Exited.WaitAsync(limit);
            await process.DrainOutputAsync(TimeSpan.FromSeconds(5));
            return exitCode;
        }
        finally
        {
            await ProcessGroup.TerminateAsync(process.Pid, TimeSpan.FromSeconds(2));
        }
    }

    [GeneratedRegex("<tr data-resource=\"(?<name>[^\"]+)\" data-state=\"(?<state>[^\"]+)\" data-health=\"(?<health>[^\"]+)\"")]
    private static partial Regex RowPattern();
}

/// <summary>
/// A browser test. It skips only when Chromium is missing and cannot be installed (not root, or no
/// apt-get), and then says so loudly in the skip reason.
/// </summary>
public sealed class ChromiumFactAttribute : FactAttribute
{
    public ChromiumFactAttribute()
    {
        if (!Chromium.IsInstalled && !Chromium.CanInstall)
        {
            Skip = "SKIPPED — NO BROWSER: /usr/bin/chromium is missing and cannot be installed here (needs root and apt-get). "
                   + "Install it with 'apt-get install chromium' to run the dashboard's browser test.";
        }
    }
}

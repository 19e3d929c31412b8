using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Faults.Tests.Support;

/// <summary>
/// A service's built dll run as a process of its own (<c>dotnet {dll}</c> in its build output
/// folder, so its own <c>appsettings.json</c> applies), on a fixed loopback port so it can be
/// killed with SIGKILL and started again at the same address.
/// </summary>
internal sealed class ServiceProcess : IAsyncDisposable
{
    private readonly string _name;
    private readonly string _dll;
    private readonly IReadOnlyDictionary<string, string> _environment;
    private readonly StringBuilder _log = new();
    private Process? _process;

    private ServiceProcess(string name, string dll, IReadOnlyDictionary<string, string> environment)
    {
        _name = name;
        _dll = dll;
        _environment = environment;
        Address = new Uri($"http://127.0.0.1:{FreePort()}/");
    }

    public Uri Address { get; }

    /// <summary><paramref name="projectFolder"/>: relative to the repository root, e.g. <c>services/Identity/Identity.Api</c>.</summary>
    public static ServiceProcess For(string name, string projectFolder, IReadOnlyDictionary<string, string> environment)
    {
        var root = ServerEnvironment.Current.RepositoryRoot ?? throw new InvalidOperationException("The repository root was not found.");
        var project = Path.GetFileName(projectFolder);
        // The same configuration and framework folder as this test assembly (bin/Debug/net10.0).
        var framework = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var configuration = framework.Parent!.Name;
        var dll = Path.Combine(root, projectFolder, "bin", configuration, framework.Name, project + ".dll");
        if (!File.Exists(dll))
        {
            throw new InvalidOperationException($"{dll} is not built.");
        }

        return new ServiceProcess(name, dll, environment);
    }

    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    public async Task StartAsync()
    {
        var start = new ProcessStartInfo("dotnet", [_dll])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(_dll)!,
        };
        foreach (var (key, value) in _environment)
        {
            start.Environment[key] = value;
        }

        start.Environment["ASPNETCORE_URLS"] = Address.ToString().TrimEnd('/');
        _process = Process.Start(start) ?? throw new InvalidOperationException($"{_name} did not start.");
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        using var client = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(90))
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"{_name} exited with {_process.ExitCode}:\n{Log}");
            }

            try
            {
                if ((await client.GetAsync("health")).StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"{_name} was not ready within 90 s:\n{Log}");
    }

    /// <summary>SIGKILL: no shutdown, no flush, whatever was in flight is cut.</summary>
    public async Task KillAsync()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process?.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_log)
        {
            _log.AppendLine(line);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

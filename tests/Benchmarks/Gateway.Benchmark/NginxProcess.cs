using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;

namespace Gateway.Benchmark;

/// <summary>
/// A private nginx (Debian's build) in front of the same upstream: the floor cost of one proxy hop,
/// with no token check and no rate limit. Its own config, pid file, logs and temp folders live in a
/// temp folder of its own; the master runs in the foreground (<c>daemon off</c>) as a child of this
/// program and is stopped with its workers when disposed (<c>nginx -s stop</c>, killed if that fails).
/// </summary>
internal sealed class NginxProcess : IAsyncDisposable
{
    private const double ClockTicksPerSecond = 100; // USER_HZ on Linux
    private readonly Process _process;
    private readonly DirectoryInfo _folder;
    private readonly string[] _arguments;
    private readonly StringBuilder _errors = new();

    private NginxProcess(Process process, string[] arguments, DirectoryInfo folder, Uri address, string version)
    {
        _process = process;
        _arguments = arguments;
        _folder = folder;
        Address = address;
        Version = version;
    }

    public Uri Address { get; }

    public string Version { get; }

    /// <summary>nginx listening on a free loopback port, or null and the reason when it cannot run.</summary>
    public static async Task<(NginxProcess? Nginx, string? Reason)> TryStartAsync(Uri upstream, string workerProcesses)
    {
        var binary = Find();
        if (binary is null)
        {
            return (null, "nginx is not installed (apt-get install -y nginx-light; run.sh does this when run as root)");
        }

        var (version, buildInfo) = await BuildInfoAsync(binary);
        var folder = Directory.CreateTempSubdirectory("gateway-benchmark-nginx-");
        if (!OperatingSystem.IsWindows())
        {
            // Workers of a master started as root run as nobody and must reach their temp folders.
            File.SetUnixFileMode(folder.FullName, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute |
                                                  UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        }

        var address = new Uri($"http://127.0.0.1:{GatewayProcess.FreePort()}");
        var config = Path.Combine(folder.FullName, "nginx.conf");
        await File.WriteAllTextAsync(config, Config(folder.FullName, address, upstream, workerProcesses, buildInfo));

        var arguments = new[] { "-p", folder.FullName + "/", "-c", config, "-e", Path.Combine(folder.FullName, "error.log") };
        Process process;
        try
        {
            process = Process.Start(Start(binary, arguments)) ?? throw new InvalidOperationException("nginx did not start");
        }
        catch (Win32Exception e)
        {
            folder.Delete(recursive: true);
            return (null, $"{binary} could not be started: {e.Message}");
        }

        var nginx = new NginxProcess(process, arguments, folder, address, version);
        process.ErrorDataReceived += (_, e) => nginx.Keep(e.Data);
        process.OutputDataReceived += (_, e) => nginx.Keep(e.Data);
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        using var probe = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (DateTime.UtcNow < deadline && !process.HasExited)
        {
            try
            {
                if ((await probe.GetAsync(new Uri(address, Upstream.TrivialPath))).StatusCode == HttpStatusCode.OK)
                {
                    return (nginx, null);
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet, or too slow to answer on a busy machine: ask again.
            }

            await Task.Delay(100);
        }

        var log = nginx.ErrorLog();
        await nginx.DisposeAsync();
        return (null, "nginx did not answer: " + log);
    }

    /// <summary>Worker processes the master runs.</summary>
    public int Workers => Family().Count() - 1;

    /// <summary>User plus system CPU time of the master and its workers so far.</summary>
    public TimeSpan CpuTime() =>
        TimeSpan.FromSeconds(Family().Sum(fields => long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / ClockTicksPerSecond);

    /// <summary>The <c>/proc/{pid}/stat</c> fields after the command name of the master and of each of its children.</summary>
    private IEnumerable<string[]> Family()
    {
        var master = _process.Id.ToString(CultureInfo.InvariantCulture);
        foreach (var folder in Directory.EnumerateDirectories("/proc"))
        {
            var pid = Path.GetFileName(folder);
            if (!pid.All(char.IsAsciiDigit))
            {
                continue;
            }

            string stat;
            try
            {
                stat = File.ReadAllText(Path.Combine(folder, "stat"));
            }
            catch (IOException)
            {
                continue; // the process ended meanwhile
            }

            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            if (pid == master || fields[1] == master)
            {
                yield return fields;
            }
        }
    }

    private static ProcessStartInfo Start(string binary, IEnumerable<string> arguments)
    {
        var info = new ProcessStartInfo(binary) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        return info;
    }

    private static string? Find() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Append("/usr/sbin")
            .Select(dir => Path.Combine(dir, "nginx")).FirstOrDefault(File.Exists);

    /// <summary>The version line and configure arguments (<c>nginx -V</c> writes them to stderr).</summary>
    private static async Task<(string Version, string BuildInfo)> BuildInfoAsync(string binary)
    {
        using var process = Process.Start(new ProcessStartInfo(binary, "-V") { RedirectStandardError = true, UseShellExecute = false })!;
        var output = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var version = output.Split('\n').FirstOrDefault(l => l.StartsWith("nginx version:", StringComparison.Ordinal))?["nginx version: ".Length..] ?? "nginx";
        return (version.Trim(), output);
    }

    private static string Config(string folder, Uri address, Uri upstream, string workerProcesses, string buildInfo)
    {
        // Temp paths of the modules this build has; a directive of a module left out would be an error.
        var tempPaths = string.Concat(new[] { "client_body", "proxy", "fastcgi", "uwsgi", "scgi" }
            .Where(module => module is "client_body" or "proxy" || !buildInfo.Contains($"--without-http_{module}_module", StringComparison.Ordinal))
            .Select(module => $"    {module}_temp_path {folder}/{module}_temp;\n"));
        return $$"""
            daemon off;
            worker_processes {{workerProcesses}};
            pid {{folder}}/nginx.pid;
            error_log {{folder}}/error.log warn;

            events {
                worker_connections 1024;
            }

            http {
                access_log off;
            {{tempPaths}}
                upstream benchmark_upstream {
                    server {{upstream.Host}}:{{upstream.Port}};
                    keepalive 64;
                    keepalive_requests 1000000;
                }

                server {
                    listen 127.0.0.1:{{address.Port}};
                    # Kestrel keeps a client's connection for any number of requests; so does this.
                    keepalive_requests 1000000;

                    location / {
                        proxy_pass http://benchmark_upstream;
                        proxy_http_version 1.1;
                        proxy_set_header Connection "";
                    }
                }
            }

            """;
    }

    private void Keep(string? line)
    {
        if (line is not null)
        {
            lock (_errors)
            {
                _errors.AppendLine(line);
            }
        }
    }

    private string ErrorLog()
    {
        var path = Path.Combine(_folder.FullName, "error.log");
        string log;
        lock (_errors)
        {
            log = (_errors + (File.Exists(path) ? File.ReadAllText(path) : "")).Trim();
        }

        return log.Length > 0 ? log : _process.HasExited ? $"exited with {_process.ExitCode}" : "no answer within 10 s";
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            // The master stops its workers and waits for them, so none is left behind unreaped.
            using (var stop = Process.Start(Start(_process.StartInfo.FileName, _arguments.Append("-s").Append("stop"))))
            {
                await (stop?.WaitForExitAsync() ?? Task.CompletedTask);
            }

            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            try
            {
                await _process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
        }

        _process.Dispose();
        _folder.Delete(recursive: true);
    }
}

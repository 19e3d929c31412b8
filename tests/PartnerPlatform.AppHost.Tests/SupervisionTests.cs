using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using PartnerPlatform.AppHost.Orchestration;

namespace PartnerPlatform.AppHost.Tests;

/// <summary>Each test runs an application of its own: one sample project that spawns a child process.</summary>
public sealed class SupervisionTests : IAsyncLifetime
{
    private readonly DistributedApplication _app;
    private readonly HttpClient _dashboard;

    public SupervisionTests()
    {
        var builder = SampleApp.CreateBuilder(TextWriter.Null);
        builder.AddSample("worker").WithEnvironment("SAMPLE_SPAWN_CHILD", "1");
        _app = builder.Build();
        _dashboard = new HttpClient { BaseAddress = _app.DashboardUrl };
    }

    public Task InitializeAsync() => _app.StartHealthyAsync();

    public async Task DisposeAsync()
    {
        _dashboard.Dispose();
        await _app.DisposeAsync();
    }

    private async Task<(int Pid, int ChildPid)> WorkerProcessesAsync()
    {
        using var http = new HttpClient();
        var environment = await http.GetFromJsonAsync<JsonElement>(new Uri(_app.Snapshot("worker").Url!, "/sample/environment"));
        var isWorker = environment.TryGetProperty("pid", out var pid) & environment.TryGetProperty("child_pid", out var child);
        Assert.True(isWorker && child.ValueKind == JsonValueKind.Number, "not the worker's answer: " + environment);
        return (pid.GetInt32(), child.GetInt32());
    }

    private bool WorkerIsBackHealthy(int restarts, int oldPid) =>
        _app.Snapshot("worker") is { State: ResourceState.Running, Health: HealthStatus.Healthy } worker
        && worker.Restarts == restarts && worker.Pid != oldPid;

    [Fact]
    public async Task A_killed_project_is_started_again_after_the_back_off_and_counts_one_restart()
    {
        var (pid, childPid) = await WorkerProcessesAsync();
        Assert.Equal(pid, _app.Snapshot("worker").Pid);

        System.Diagnostics.Process.GetProcessById(pid).Kill(); // SIGKILL to the service only, as a crash

        await SampleApp.EventuallyAsync(() => WorkerIsBackHealthy(1, pid), "the worker is back and healthy with restarts = 1");
        var worker = _app.Snapshot("worker");
        Assert.Equal(0.2, worker.LastRestartDelaySeconds);
        Assert.Equal(137, worker.ExitCode);
        Assert.False(SampleApp.IsAlive(childPid), "the crashed worker's child process was left behind");
        Assert.Equal(worker.Pid, (await WorkerProcessesAsync()).Pid);
    }

    [Fact]
    public async Task Stopping_the_application_leaves_no_process_behind()
    {
        var (pid, childPid) = await WorkerProcessesAsync();
        Assert.True(SampleApp.IsAlive(childPid));

        var report = await _app.StopAsync();

        Assert.Empty(report.Leftovers);
        Assert.Contains(pid, report.ProcessGroups);
        Assert.False(SampleApp.IsAlive(pid), "the worker survived");
        Assert.False(SampleApp.IsAlive(childPid), "the worker's child survived");
    }

    [Fact]
    public async Task The_stop_action_ends_the_whole_process_tree_and_the_restart_action_brings_it_back()
    {
        var (pid, childPid) = await WorkerProcessesAsync();

        using (var stop = await _dashboard.PostAsync("api/resources/worker/stop", null))
        {
            Assert.Equal(HttpStatusCode.Accepted, stop.StatusCode);
        }

        var stopped = _app.Snapshot("worker");
        Assert.Equal((ResourceState.Stopped, (int?)null), (stopped.State, stopped.Pid));
        Assert.False(SampleApp.IsAlive(pid) || SampleApp.IsAlive(childPid), "a stopped worker left a process behind");
        await Task.Delay(500);
        Assert.Equal(ResourceState.Stopped, _app.Snapshot("worker").State); // not restarted as a crash

        using (var restart = await _dashboard.PostAsync("api/resources/worker/restart", null))
        {
            Assert.Equal(HttpStatusCode.Accepted, restart.StatusCode);
        }

        await SampleApp.EventuallyAsync(() => WorkerIsBackHealthy(1, pid), "the restarted worker is healthy");
        var (secondPid, _) = await WorkerProcessesAsync();

        using (var again = await _dashboard.PostAsync("api/resources/worker/restart", null))
        {
            Assert.Equal(HttpStatusCode.Accepted, again.StatusCode);
        }

        await SampleApp.EventuallyAsync(() => WorkerIsBackHealthy(2, secondPid), "the worker restarted while running is healthy again");
        Assert.False(SampleApp.IsAlive(secondPid));
    }
}

public sealed class CrashLoopTests
{
    [Fact]
    public async Task A_project_that_keeps_crashing_is_restarted_with_doubling_delays()
    {
        var builder = SampleApp.CreateBuilder(TextWriter.Null);
        var crasher = builder.AddSample("crasher").WithEnvironment("SAMPLE_EXIT_CODE", "3");
        await using var app = builder.Build();
        await app.StartAsync();

        await SampleApp.EventuallyAsync(() => app.Snapshot("crasher").Restarts >= 3, "three restarts");
        var report = await app.StopAsync();

        var delays = crasher.Resource.Log.Read(0, 1000)
            .Where(l => l.Stream == "apphost" && l.Text.StartsWith("exited with code 3", StringComparison.Ordinal))
            .Select(l => l.Text[(l.Text.IndexOf("restarting in ", StringComparison.Ordinal) + 14)..])
            .Take(3);
        Assert.Equal(["0.2 s", "0.4 s", "0.8 s"], delays);
        Assert.Empty(report.Leftovers);
        Assert.Equal(ResourceState.Stopped, app.Snapshot("crasher").State);
    }
}

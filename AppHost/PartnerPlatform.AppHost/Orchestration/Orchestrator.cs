using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using Npgsql;

namespace PartnerPlatform.AppHost.Orchestration;

/// <summary>
/// Brings the declared resources up — servers and the project build side by side, then databases,
/// then each project once what it references and waits for is healthy — keeps them healthy, and
/// takes everything it started down again.
/// </summary>
internal sealed class Orchestrator
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan StartingHealthInterval = TimeSpan.FromMilliseconds(200);

    private readonly DistributedApplicationOptions _options;
    private readonly ConsoleOutput _output;
    private readonly LocalServers _servers;
    private readonly Dictionary<string, ProjectRunner> _runners = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<int, bool> _processGroups = new();
    private readonly ConcurrentBag<Task> _background = [];
    private readonly CancellationTokenSource _cts = new();
    private readonly TaskCompletionSource _allHealthy = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<string> _startupFailed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock _lock = new();
    private readonly List<DemoAccount> _demoAccounts = [];
    private readonly string _dotnet;
    private Task _run = Task.CompletedTask;
    private Task<StopReport>? _stop;
    private bool _serversStartedHere;

    public Orchestrator(IReadOnlyList<Resource> resources, DistributedApplicationOptions options)
    {
        Resources = resources;
        _options = options;
        _output = new ConsoleOutput(options.Output, options.Colours ?? ConsoleOutput.IsColourTerminal(options.Output));
        _output.Widen(resources.Select(r => r.Name).Append("apphost"));
        AppHostLog = new ResourceLog { TimeProvider = options.TimeProvider };
        AppHostLog.Echo = line =>
        {
            if (line.Stream == "table")
            {
                _output.WritePlain(line.Text);
            }
            else
            {
                _output.Write(line.Stream == "build" ? "build" : "apphost", "1", line);
            }
        };
        for (var i = 0; i < resources.Count; i++)
        {
            var echo = _output.For(resources[i].Name, i);
            resources[i].Log.TimeProvider = options.TimeProvider;
            // Server log files are shown on the dashboard only: the console keeps to what this run does.
            resources[i].Log.Echo = line =>
            {
                if (line.Stream != "file")
                {
                    echo(line);
                }
            };
        }

        _dotnet = DotnetHost();
        _servers = new LocalServers(options.RepositoryRoot, RouteServersLine);
        foreach (var project in resources.OfType<ProjectResource>())
        {
            _runners[project.Name] = new ProjectRunner(project, _dotnet, () => EnvironmentFor(project), options, pid => _processGroups[pid] = true);
        }
    }

    public IReadOnlyList<Resource> Resources { get; }

    /// <summary>What the AppHost itself reports (and the build's output).</summary>
    public ResourceLog AppHostLog { get; }

    public DateTimeOffset StartedAt { get; private set; }

    public TimeSpan? HealthyAfter { get; private set; }

    /// <summary>From start until the last demo-data seeder finished; null when nothing was seeded.</summary>
    public TimeSpan? SeededAfter { get; private set; }

    public Uri? DashboardUrl { get; set; }

    /// <summary>Completes once every resource has been healthy at the same time (and demo data is seeded).</summary>
    public Task AllHealthy => _allHealthy.Task;

    /// <summary>Completes with the reason when nothing can run (servers or build failed).</summary>
    public Task<string> StartupFailed => _startupFailed.Task;

    public bool IsStopping => _stop is not null;

    public IReadOnlyList<DemoAccount> DemoAccounts
    {
        get
        {
            // Declared accounts carry real passwords: printed in Development only.
            var declared = _options.IsDevelopment ? Resources.OfType<ProjectResource>().SelectMany(p => p.DemoAccounts) : [];
            lock (_lock)
            {
                return [.. declared, .. _demoAccounts];
            }
        }
    }

    public RabbitMQServerResource? RabbitMq => Resources.OfType<RabbitMQServerResource>().FirstOrDefault();

    public ProjectRunner? RunnerFor(string name) => _runners.GetValueOrDefault(name);

    public void Start()
    {
        StartedAt = _options.TimeProvider.GetUtcNow();
        var ct = _cts.Token;
        _run = Task.Run(() => RunAsync(ct), CancellationToken.None);
    }

    /// <summary>The environment a project is started with (Aspire's conventions).</summary>
    public IReadOnlyDictionary<string, string> EnvironmentFor(ProjectResource project)
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{project.Port}",
            ["ASPNETCORE_ENVIRONMENT"] = _options.EnvironmentName,
            ["DOTNET_ENVIRONMENT"] = _options.EnvironmentName,
            ["OTEL_SERVICE_NAME"] = project.Name,
        };
        foreach (var reference in project.References)
        {
            switch (reference)
            {
                case ProjectResource other:
                    environment[$"services__{other.Name}__http__0"] = $"http://127.0.0.1:{other.Port}";
                    break;
                case IResourceWithConnectionString withConnection:
                    environment[$"ConnectionStrings__{reference.Name}"] = withConnection.ConnectionString
                        ?? throw new InvalidOperationException($"{reference.Name} has no connection string yet");
                    break;
            }
        }

        foreach (var (key, value) in project.Environment)
        {
            environment[key] = value;
        }

        return environment;
    }

    public ResourceSnapshot Snapshot(Resource resource)
    {
        var values = resource.Status.Current;
        var now = _options.TimeProvider.GetUtcNow();
        int? pid = values.Pid;
        var startedAt = values.StartedAt;
        int? port = null;
        Uri? url = null;
        var urls = new List<NamedUrl>();
        switch (resource)
        {
            case ServerResource server:
                pid = ReadPid(server.PidFile);
                startedAt = pid is { } serverPid ? ProcessGroup.StartTime(serverPid) : null;
                port = server.Port;
                if (server is RabbitMQServerResource { ManagementUrl: { } management })
                {
                    urls.Add(new NamedUrl("management", management));
                }

                break;
            case PostgresDatabaseResource database:
                port = database.Server.Port;
                break;
            case ProjectResource project:
                port = project.Port;
                url = project.Url;
                urls.AddRange(project.Urls.Select(u => new NamedUrl(u.DisplayText, new Uri(project.Url, u.Path))));
                break;
        }

        var running = values.State == ResourceState.Running && startedAt is not null;
        return new ResourceSnapshot(
            resource.Name,
            resource.Type,
            values.State,
            values.Health,
            running ? pid : null,
            port,
            url,
            values.Restarts,
            running ? Math.Round((now - startedAt!.Value).TotalSeconds, 1) : null,
            running ? startedAt : null,
            values.ExitCode,
            values.Message,
            values.LastRestartDelay?.TotalSeconds,
            [.. resource.WaitsFor.Select(r => r.Name)],
            resource is ProjectResource p ? [.. p.References.Select(r => r.Name)] : [],
            urls,
            resource is ProjectResource,
            resource.Log.LastSequence);
    }

    public Task<StopReport> StopAsync()
    {
        lock (_lock)
        {
            return _stop ??= Task.Run(StopCoreAsync);
        }
    }

    private async Task RunAsync(CancellationToken ct)
    {
        try
        {
            AppHostLog.Append("apphost", $"starting {Resources.Count} resources (environment {_options.EnvironmentName})");
            foreach (var resource in Resources)
            {
                _background.Add(MonitorHealthAsync(resource, ct));
            }

            var servers = StartServersAsync(ct);
            var build = BuildAsync(ct);
            foreach (var database in Resources.OfType<PostgresDatabaseResource>())
            {
                _background.Add(CreateDatabaseAsync(database, ct));
            }

            foreach (var project in Resources.OfType<ProjectResource>())
            {
                _background.Add(StartWhenReadyAsync(project, build, ct));
            }

            if (!await servers || !await build)
            {
                return;
            }

            await WaitUntilAsync(() => Resources.All(r => r.Status.IsHealthy), ct);
            HealthyAfter = _options.TimeProvider.GetUtcNow() - StartedAt;
            AppHostLog.Append("apphost", $"all {Resources.Count} resources healthy {HealthyAfter.Value.TotalSeconds:0.0} s after start");
            if (await SeedDemoDataAsync(ct))
            {
                SeededAfter = _options.TimeProvider.GetUtcNow() - StartedAt;
                AppHostLog.Append("apphost", $"demo data seeded {SeededAfter.Value.TotalSeconds:0.0} s after start");
            }

            foreach (var line in SummaryTable.Render(this))
            {
                AppHostLog.Append("table", line);
            }

            _allHealthy.TrySetResult();
        }
        catch (OperationCanceledException)
        {
            // stopping
        }
        catch (Exception ex)
        {
            Fail("the AppHost failed: " + ex.Message);
        }
    }

    private void Fail(string reason)
    {
        AppHostLog.Append("apphost", reason);
        _startupFailed.TrySetResult(reason);
    }

    private async Task<bool> StartServersAsync(CancellationToken ct)
    {
        var servers = Resources.OfType<ServerResource>().ToList();
        if (servers.Count == 0)
        {
            return true;
        }

        try
        {
            foreach (var server in servers)
            {
                server.Status.Update(v => v with { State = ResourceState.Starting });
            }

            _serversStartedHere = !await _servers.AllRunningAsync(ct);
            AppHostLog.Append("apphost", _serversStartedHere
                ? "starting the private servers (deploy/local/servers start); they are stopped again on exit"
                : "the private servers already run: reusing them, and leaving them running on exit");
            if (_serversStartedHere)
            {
                // Not when they run: the script rewrites its state files in place, and two starts at
                // once (parallel test runs reusing the shared servers) can lose each other's state.
                await _servers.StartAsync(ct);
            }

            var environment = await _servers.ReadEnvAsync([.. servers.Select(s => s.ServersEnvKey)], ct);
            foreach (var server in servers)
            {
                Configure(server, environment);
                server.Status.Update(v => v with { State = ResourceState.Running });
                _background.Add(FollowLogFileAsync(server, ct));
            }

            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            foreach (var server in servers)
            {
                server.Status.Update(v => v with { State = ResourceState.Failed, Message = ex.Message });
            }

            Fail("the private servers could not start: " + ex.Message);
            return false;
        }
    }

    private void Configure(ServerResource server, IReadOnlyDictionary<string, string> environment)
    {
        server.ConnectionString = environment.GetValueOrDefault(server.ServersEnvKey)
            ?? throw new InvalidOperationException($"{_servers.EnvFile} has no {server.ServersEnvKey}");
        var data = environment.GetValueOrDefault("PP_SERVERS_DATA_DIR") ?? _servers.DataDirectory;
        switch (server)
        {
            case PostgresServerResource:
                server.Port = new NpgsqlConnectionStringBuilder(server.ConnectionString).Port;
                server.PidFile = Path.Combine(data, "postgres", "data", "postmaster.pid");
                server.LogFile = Path.Combine(data, "postgres", "postgres.log");
                break;
            case RabbitMQServerResource rabbit:
                server.Port = new Uri(server.ConnectionString).Port;
                server.PidFile = Path.Combine(data, "rabbitmq", "rabbitmq.pid");
                server.LogFile = Path.Combine(data, "rabbitmq", "log", environment.GetValueOrDefault("RABBITMQ_NODENAME", "rabbit") + ".log");
                rabbit.ManagementUrl = new Uri(environment.GetValueOrDefault("RABBITMQ_MANAGEMENT_URL")
                    ?? throw new InvalidOperationException($"{_servers.EnvFile} has no RABBITMQ_MANAGEMENT_URL"));
                rabbit.ManagementUser = environment.GetValueOrDefault("RABBITMQ_MANAGEMENT_USER");
                rabbit.ManagementPassword = environment.GetValueOrDefault("RABBITMQ_MANAGEMENT_PASSWORD");
                break;
            case RedisResource:
                server.Port = HealthProbes.SplitHostPort(server.ConnectionString.Split(',')[0], 6379).Port;
                server.PidFile = Path.Combine(data, "redis", "redis.pid");
                server.LogFile = Path.Combine(data, "redis", "redis.log");
                break;
        }
    }

    /// <summary>The servers script's lines go to the server they are about, the rest to the AppHost's log.</summary>
    private void RouteServersLine(string text, bool isError)
    {
        var about = Resources.OfType<ServerResource>()
            .FirstOrDefault(s => text.StartsWith("[servers] " + s.Type + " ", StringComparison.Ordinal));
        if (about is not null)
        {
            about.Log.Append(isError ? "err" : "out", text);
        }
        else
        {
            AppHostLog.Append("apphost", text);
        }
    }

    private async Task<bool> BuildAsync(CancellationToken ct)
    {
        var projects = Resources.OfType<ProjectResource>().ToList();
        if (projects.Count == 0)
        {
            return true;
        }

        try
        {
            if (_options.Build)
            {
                foreach (var project in projects)
                {
                    project.Status.Update(v => v with { State = ResourceState.Building });
                }

                AppHostLog.Append("apphost", $"building {projects.Count} project(s) with one dotnet build ({_options.Configuration})");
                var started = _options.TimeProvider.GetUtcNow();
                var exitCode = await ProjectBuild.RunAsync(
                    _dotnet, Path.Combine(_options.RepositoryRoot, ".data", "apphost"), projects, _options.Configuration,
                    (line, _) => AppHostLog.Append("build", line), pid => _processGroups[pid] = true, ct);
                if (exitCode != 0)
                {
                    throw new InvalidOperationException($"dotnet build failed with exit code {exitCode} (see the [build] lines)");
                }

                AppHostLog.Append("apphost", $"built in {(_options.TimeProvider.GetUtcNow() - started).TotalSeconds:0.0} s");
            }

            foreach (var project in projects)
            {
                _runners[project.Name].DllPath = ProjectBuild.ResolveOutput(project.ProjectPath, _options.Configuration);
                project.Status.Update(v => v with { State = ResourceState.Waiting });
            }

            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            foreach (var project in projects)
            {
                project.Status.Update(v => v with { State = ResourceState.Failed, Message = "not built" });
            }

            Fail("the build failed: " + ex.Message);
            return false;
        }
    }

    private async Task CreateDatabaseAsync(PostgresDatabaseResource database, CancellationToken ct)
    {
        try
        {
            await WaitUntilAsync(() => database.Server.Status.IsHealthy, ct);
            database.Status.Update(v => v with { State = ResourceState.Starting, Message = "creating if missing" });
            var admin = new NpgsqlConnectionStringBuilder(database.Server.ConnectionString) { Database = "postgres", Pooling = false, Timeout = 10 };
            await using var connection = new NpgsqlConnection(admin.ConnectionString);
            await connection.OpenAsync(ct);
            await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = $1", connection);
            exists.Parameters.Add(new NpgsqlParameter { Value = database.DatabaseName });
            if (await exists.ExecuteScalarAsync(ct) is null)
            {
                try
                {
                    await using var create = new NpgsqlCommand($"CREATE DATABASE \"{database.DatabaseName.Replace("\"", "\"\"", StringComparison.Ordinal)}\"", connection);
                    await create.ExecuteNonQueryAsync(ct);
                    database.Log.Append("apphost", $"created database {database.DatabaseName}");
                }
                catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.DuplicateDatabase)
                {
                    // created meanwhile by another AppHost: fine
                }
            }
            else
            {
                database.Log.Append("apphost", $"database {database.DatabaseName} exists");
            }

            database.Status.Update(v => v with { State = ResourceState.Running, Message = null });
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            database.Status.Update(v => v with { State = ResourceState.Failed, Health = HealthStatus.Unhealthy, Message = ex.Message });
            database.Log.Append("apphost", "could not create the database: " + ex.Message);
        }
        catch (OperationCanceledException)
        {
            // stopping
        }
    }

    private async Task StartWhenReadyAsync(ProjectResource project, Task<bool> build, CancellationToken ct)
    {
        try
        {
            if (!await build)
            {
                return;
            }

            // Servers and databases are needed for the connection strings; projects only when waited for.
            var dependencies = project.References.Where(r => r is not ProjectResource).Concat(project.WaitsFor).Distinct().ToList();
            var pending = dependencies.Where(d => !d.Status.IsHealthy).Select(d => d.Name).ToList();
            if (pending.Count > 0)
            {
                project.Status.Update(v => v with { State = ResourceState.Waiting, Message = "waiting for " + string.Join(", ", pending) });
                project.Log.Append("apphost", "waiting for " + string.Join(", ", pending));
            }

            await WaitUntilAsync(() => dependencies.All(d => d.Status.IsHealthy), ct);
            await _runners[project.Name].StartAsync();
        }
        catch (OperationCanceledException)
        {
            // stopping
        }
    }

    private async Task MonitorHealthAsync(Resource resource, CancellationToken ct)
    {
        var reported = HealthStatus.Unknown;
        try
        {
            while (!ct.IsCancellationRequested)
            {
                var before = resource.Status.Current;
                if (before.State == ResourceState.Running)
                {
                    var healthy = await ProbeAsync(resource, ct);
                    var after = resource.Status.Update(v => v.State == ResourceState.Running && v.Pid == before.Pid && v.StartedAt == before.StartedAt
                        ? v with { Health = healthy ? HealthStatus.Healthy : HealthStatus.Unhealthy }
                        : v);
                    if (after.Health != reported && after.Health != HealthStatus.Unknown && (reported != HealthStatus.Unknown || after.Health == HealthStatus.Healthy))
                    {
                        resource.Log.Append("apphost", after.Health == HealthStatus.Healthy ? "healthy" : "unhealthy");
                    }

                    reported = after.Health;
                }
                else
                {
                    reported = HealthStatus.Unknown;
                }

                var interval = reported == HealthStatus.Healthy ? _options.HealthCheckInterval : StartingHealthInterval;
                await Task.Delay(interval, _options.TimeProvider, ct);
            }
        }
        catch (OperationCanceledException)
        {
            // stopping
        }
    }

    private Task<bool> ProbeAsync(Resource resource, CancellationToken ct) => resource switch
    {
        ProjectResource { HealthCheckPath: null } => Task.FromResult(true),
        ProjectResource project => HealthProbes.HttpAsync(new Uri(project.Url, project.HealthCheckPath), ct),
        PostgresServerResource { ConnectionString: { } connection } => HealthProbes.PostgresAsync(connection, ct),
        PostgresDatabaseResource { ConnectionString: { } connection } => HealthProbes.PostgresAsync(connection, ct),
        RedisResource { ConnectionString: { } connection } => HealthProbes.RedisAsync(connection, ct),
        RabbitMQServerResource { ConnectionString: { } connection, ManagementUrl: { } management } rabbit =>
            HealthProbes.RabbitMqAsync(new Uri(connection), management, rabbit.ManagementUser ?? "", rabbit.ManagementPassword ?? "", ct),
        _ => Task.FromResult(false),
    };

    private async Task FollowLogFileAsync(ServerResource server, CancellationToken ct)
    {
        if (server.LogFile is not { } path)
        {
            return;
        }

        long position = -1;
        try
        {
            while (!ct.IsCancellationRequested)
            {
                position = ReadNewLines(server, path, position);
                await Task.Delay(TimeSpan.FromSeconds(1), _options.TimeProvider, ct);
            }
        }
        catch (OperationCanceledException)
        {
            // stopping
        }
    }

    /// <summary>Appends the complete lines written since <paramref name="position"/>; returns the new position.</summary>
    private static long ReadNewLines(ServerResource server, string path, long position)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            var skipPartialFirstLine = false;
            if (position < 0)
            {
                // First look: the last few lines for context.
                position = Math.Max(0, stream.Length - 4096);
                skipPartialFirstLine = position > 0;
            }

            if (stream.Length < position)
            {
                position = 0; // truncated or replaced
            }

            if (stream.Length == position)
            {
                return position;
            }

            stream.Seek(position, SeekOrigin.Begin);
            var buffer = new byte[Math.Min(stream.Length - position, 1 << 20)];
            stream.ReadExactly(buffer);
            var lastNewLine = Array.LastIndexOf(buffer, (byte)'\n');
            if (lastNewLine < 0)
            {
                return position;
            }

            var lines = Encoding.UTF8.GetString(buffer, 0, lastNewLine).Split('\n');
            foreach (var line in lines.Skip(skipPartialFirstLine ? 1 : 0))
            {
                server.Log.Append("file", line.TrimEnd('\r'));
            }

            return position + lastNewLine + 1;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return position;
        }
    }

    /// <summary>
    /// Runs the seeders one after another; true when every one exited 0. Seeders may build on what an
    /// earlier one seeded (its events), so after a failure the rest are skipped rather than left to
    /// wait for data that will not come.
    /// </summary>
    private async Task<bool> SeedDemoDataAsync(CancellationToken ct)
    {
        var seeders = Resources.OfType<ProjectResource>().Where(p => p.SeedsDemoData).ToList();
        if (seeders.Count == 0)
        {
            return false;
        }

        var enabled = _options.DemoData ?? _options.IsDevelopment;
        if (!enabled)
        {
            AppHostLog.Append("apphost", $"demo data: not seeded (environment {_options.EnvironmentName}; --demo-data turns it on)");
            return false;
        }

        foreach (var (project, index) in seeders.Select((p, i) => (p, i)))
        {
            project.Log.Append("apphost", "seeding demo data (--seed-demo-data)");
            using var process = ManagedProcess.Start(
                _dotnet, [_runners[project.Name].DllPath!, "--seed-demo-data"], Path.GetDirectoryName(project.ProjectPath)!, EnvironmentFor(project),
                (line, isError) =>
                {
                    project.Log.Append(isError ? "err" : "out", line);
                    if (!isError && DemoAccountLine.TryParse(project.Name, line) is { } account)
                    {
                        lock (_lock)
                        {
                            _demoAccounts.Add(account);
                        }
                    }
                });
            _processGroups[process.Pid] = true;
            int exitCode;
            try
            {
                exitCode = await process.Exited.WaitAsync(_options.MigrationTimeout, _options.TimeProvider, ct);
            }
            catch (TimeoutException)
            {
                await process.StopAsync(_options.StopTimeout);
                project.Log.Append("apphost", "demo data seeding did not finish in time");
                SkipSeeders(project, seeders.Skip(index + 1));
                return false;
            }
            catch (OperationCanceledException)
            {
                await process.StopAsync(_options.StopTimeout);
                throw;
            }

            await ProcessGroup.KillLeftoversAsync(process.Pid);
            await process.DrainOutputAsync(TimeSpan.FromSeconds(2));
            project.Log.Append("apphost", exitCode == 0 ? "demo data seeded" : $"demo data seeding failed with exit code {exitCode}");
            if (exitCode != 0)
            {
                SkipSeeders(project, seeders.Skip(index + 1));
                return false;
            }
        }

        return true;
    }

    private void SkipSeeders(ProjectResource failed, IEnumerable<ProjectResource> rest)
    {
        var skipped = rest.Select(p => p.Name).ToList();
        AppHostLog.Append(
            "apphost",
            $"demo data: seeding {failed.Name} failed (its log says why)" + (skipped.Count == 0 ? "" : "; not seeded: " + string.Join(", ", skipped)));
    }

    private async Task<StopReport> StopCoreAsync()
    {
        AppHostLog.Append("apphost", "stopping");
        await _cts.CancelAsync();
        await _run;
        await Task.WhenAll(_background); // nothing starts a project any more
        foreach (var level in StopOrder())
        {
            await Task.WhenAll(level.Select(p => _runners[p.Name].StopAsync()));
        }

        var servers = Resources.OfType<ServerResource>().ToList();
        var serverPids = servers.Select(s => ReadPid(s.PidFile)).OfType<int>().ToList();
        var stoppedServers = false;
        if (servers.Count > 0 && _serversStartedHere && !_options.KeepServers)
        {
            AppHostLog.Append("apphost", "stopping the private servers it started (deploy/local/servers stop)");
            await _servers.StopAsync();
            stoppedServers = true;
        }
        else if (servers.Count > 0)
        {
            AppHostLog.Append("apphost", _serversStartedHere
                ? "leaving the private servers running (--keep-servers)"
                : "leaving the private servers running: they were running before");
        }

        foreach (var server in servers)
        {
            server.Status.Update(v => v with { State = stoppedServers ? ResourceState.Stopped : v.State, Health = stoppedServers ? HealthStatus.Unknown : v.Health });
        }

        var leftovers = _processGroups.Keys.SelectMany(ProcessGroup.Members).ToList();
        if (stoppedServers)
        {
            leftovers.AddRange(serverPids.Where(ProcessGroup.IsAlive));
        }

        if (leftovers.Count == 0)
        {
            AppHostLog.Append("apphost", $"stopped: no process left behind ({_processGroups.Count} process groups checked{(stoppedServers ? ", servers gone" : "")})");
        }
        else
        {
            AppHostLog.Append("apphost", "stopped, but these processes were left behind and are killed now: " + string.Join(", ", leftovers));
            await Task.WhenAll(_processGroups.Keys.Select(ProcessGroup.KillLeftoversAsync));
        }

        return new StopReport(_processGroups.Keys.Order().ToList(), leftovers);
    }

    /// <summary>Projects in levels: those nothing waits for first, so dependents stop before what they wait for.</summary>
    private List<List<ProjectResource>> StopOrder()
    {
        var projects = Resources.OfType<ProjectResource>().ToList();
        var depth = new Dictionary<ProjectResource, int>();
        int Depth(ProjectResource project) =>
            depth.TryGetValue(project, out var known)
                ? known
                : depth[project] = 1 + project.WaitsFor.OfType<ProjectResource>().Select(Depth).DefaultIfEmpty(0).Max();
        return [.. projects.GroupBy(Depth).OrderByDescending(g => g.Key).Select(g => g.ToList())];
    }

    private async Task WaitUntilAsync(Func<bool> condition, CancellationToken ct)
    {
        while (!condition())
        {
            await Task.Delay(PollInterval, _options.TimeProvider, ct);
        }
    }

    private static int? ReadPid(string? pidFile)
    {
        try
        {
            return pidFile is not null && File.Exists(pidFile) && int.TryParse(File.ReadLines(pidFile).FirstOrDefault()?.Trim(), out var pid) && ProcessGroup.IsAlive(pid)
                ? pid
                : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>The dotnet host running this AppHost, so children use the same runtime.</summary>
    private static string DotnetHost() =>
        Environment.ProcessPath is { } path && Path.GetFileNameWithoutExtension(path) == "dotnet"
            ? path
            : Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
}

/// <summary>What stopping found: every process group it had started, and any process still alive.</summary>
public sealed record StopReport(IReadOnlyList<int> ProcessGroups, IReadOnlyList<int> Leftovers);

/// <summary>The seeding contract: <c>demo-account: {"login":…,"password":…,"role":…}</c> on standard output.</summary>
internal static class DemoAccountLine
{
    private const string Prefix = "demo-account:";

    public static DemoAccount? TryParse(string service, string line)
    {
        if (!line.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return null;
        }

        try
        {
            using var json = JsonDocument.Parse(line[Prefix.Length..]);
            var root = json.RootElement;
            return root.TryGetProperty("login", out var login) && root.TryGetProperty("password", out var password)
                ? new DemoAccount(service, login.GetString() ?? "", password.GetString() ?? "", root.TryGetProperty("role", out var role) ? role.GetString() : null)
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

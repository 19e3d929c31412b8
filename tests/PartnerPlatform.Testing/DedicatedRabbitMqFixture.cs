using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using Xunit;

namespace PartnerPlatform.Testing;

/// <summary>
/// A RabbitMQ node of its own for one test class (<c>deploy/local/servers start rabbitmq</c> with a
/// private <c>PP_DATA_DIR</c> under the repository's <c>.data</c> folder), which the tests may stop and
/// start again. The shared broker is never touched. It takes several seconds to start and stop.
/// </summary>
public class DedicatedRabbitMqFixture : IAsyncLifetime
{
    private static readonly TimeSpan ScriptTimeout = TimeSpan.FromSeconds(120);

    public DedicatedRabbitMqFixture()
    {
        var root = ServerEnvironment.Current.RepositoryRoot
            ?? throw new InvalidOperationException("The repository root (PartnerPlatform.sln) was not found above the test output.");
        RepositoryRoot = root;
        DataDirectory = Path.Combine(root, ".data", "rabbitmq-" + Guid.NewGuid().ToString("N")[..12]);
    }

    public string RepositoryRoot { get; }

    /// <summary>The node's data folder (deleted afterwards).</summary>
    public string DataDirectory { get; }

    /// <summary>AMQP URI of the node's default virtual host, in the form of <c>ConnectionStrings__eventbus</c>.</summary>
    public Uri ConnectionUri { get; private set; } = null!;

    public HttpClient Management { get; private set; } = null!;

    public virtual Task InitializeAsync() => StartAsync();

    /// <summary>Starts the node (again), on the same ports and with the same durable queues.</summary>
    public async Task StartAsync()
    {
        try
        {
            await RunScriptAsync("start", "rabbitmq");
        }
        catch (InvalidOperationException)
        {
            // On a busy machine a port picked as free can be taken before the node binds it (the
            // script then picks another for the management listener): clean up and try once more.
            await RunScriptAsync("stop", "rabbitmq");
            await RunScriptAsync("start", "rabbitmq");
        }

        await LoadEnvironmentAsync();
    }

    private async Task LoadEnvironmentAsync()
    {
        var values = ServerEnvironment.ParseEnvFile(await File.ReadAllLinesAsync(Path.Combine(DataDirectory, "servers.env")))
            .ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
        ConnectionUri = new Uri(values["ConnectionStrings__eventbus"]);
        Management?.Dispose();
        Management = new HttpClient { BaseAddress = new Uri(values["RABBITMQ_MANAGEMENT_URL"]), Timeout = TimeSpan.FromSeconds(30) };
        var credentials = Convert.ToBase64String(
            Encoding.UTF8.GetBytes($"{values["RABBITMQ_MANAGEMENT_USER"]}:{values["RABBITMQ_MANAGEMENT_PASSWORD"]}"));
        Management.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", credentials);
    }

    /// <summary>Stops the node; clients see the connection drop.</summary>
    public Task StopAsync() => RunScriptAsync("stop", "rabbitmq");

    /// <summary>Number of messages in a queue of the default virtual host (0 when it does not exist).</summary>
    public async Task<int> CountMessagesAsync(string queue)
    {
        using var response = await Management.GetAsync($"api/queues/%2F/{Uri.EscapeDataString(queue)}");
        if (response.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return 0;
        }

        response.EnsureSuccessStatusCode();
        var queueInfo = await response.Content.ReadFromJsonAsync<QueueInfo>();
        return queueInfo?.Messages ?? 0;
    }

    public virtual async Task DisposeAsync()
    {
        Management?.Dispose();
        try
        {
            await StopAsync();
        }
        finally
        {
            if (Directory.Exists(DataDirectory))
            {
                Directory.Delete(DataDirectory, recursive: true);
            }
        }
    }

    private async Task RunScriptAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo(Path.Combine(RepositoryRoot, "deploy", "local", "servers"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = RepositoryRoot,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["PP_DATA_DIR"] = DataDirectory;
        using var process = Process.Start(start) ?? throw new InvalidOperationException("deploy/local/servers did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(ScriptTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"deploy/local/servers {string.Join(' ', arguments)} did not finish within {ScriptTimeout}.");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"deploy/local/servers {string.Join(' ', arguments)} failed ({process.ExitCode}): {await output}{await errors}{NodeLogTail()}");
        }
    }

    private string NodeLogTail()
    {
        var log = Path.Combine(DataDirectory, "rabbitmq", "log");
        if (!Directory.Exists(log))
        {
            return "";
        }

        return string.Concat(Directory.GetFiles(log).Select(file =>
            $"\n--- {Path.GetFileName(file)}\n" + string.Join('\n', File.ReadLines(file).TakeLast(30))));
    }

    private sealed record QueueInfo(int Messages);
}

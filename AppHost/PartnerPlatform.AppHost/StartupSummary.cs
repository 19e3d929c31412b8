using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using PartnerPlatform.AppHost.LocalServers;

namespace PartnerPlatform.AppHost;

/// <summary>
/// Once every resource is healthy and the demo data seeded, prints where everything is: the
/// dashboard, the gateway and its docs, each service, RabbitMQ's management UI and the demo accounts
/// with their passwords (Development only). The accounts also appear on the seeder resources'
/// properties in the dashboard.
/// </summary>
internal static class StartupSummaryRegistration
{
    /// <summary>
    /// Watches from before the orchestrator starts anything: a hosted service would start only once
    /// every resource has been started, the last demo data seeder included, and "all healthy" would
    /// be counted from then (ADR 0047).
    /// </summary>
    public static IDistributedApplicationBuilder AddStartupSummary(this IDistributedApplicationBuilder builder)
    {
        builder.Services.AddSingleton<StartupSummary>();
        builder.Eventing.Subscribe<BeforeStartEvent>((start, cancellationToken) =>
        {
            var summary = start.Services.GetRequiredService<StartupSummary>();
            var stopping = start.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
            _ = Task.Run(() => summary.RunAsync(stopping), stopping);
            return Task.CompletedTask;
        });
        return builder;
    }
}

internal sealed class StartupSummary(
    DistributedApplicationModel model,
    ResourceNotificationService notifications,
    ResourceLoggerService logs,
    IConfiguration configuration,
    IHostEnvironment environment)
{
    private const string DemoAccountPrefix = "demo-account: ";

    private readonly ConcurrentDictionary<string, CustomResourceSnapshot> _snapshots = new();

    public async Task RunAsync(CancellationToken stoppingToken)
    {
        try
        {
            await PrintWhenReadyAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task PrintWhenReadyAsync(CancellationToken cancellationToken)
    {
        var started = Process.GetCurrentProcess().StartTime.ToUniversalTime();
        _ = Task.Run(() => KeepLatestSnapshotsAsync(cancellationToken), cancellationToken);
        var seeders = model.Resources.OfType<ProjectResource>().Where(p => p.Annotations.OfType<DemoDataSeederAnnotation>().Any()).ToList();
        var accounts = seeders.Select(seeder => CollectAccountsAsync(seeder, cancellationToken)).ToList();

        var watched = model.Resources
            .Where(r => r is ProjectResource or LocalServerResource or PostgresDatabaseResource or S3ServerResource)
            .Where(r => !r.Annotations.OfType<ServiceRunAnnotation>().Any())
            .ToList();
        await Task.WhenAll(watched.Select(r => notifications.WaitForResourceHealthyAsync(r.Name, cancellationToken)));
        var healthy = DateTime.UtcNow - started;

        foreach (var seeder in seeders)
        {
            await notifications.WaitForResourceAsync(seeder.Name, KnownResourceStates.TerminalStates, cancellationToken);
        }

        var seeded = DateTime.UtcNow - started;
        var demoAccounts = new List<(string Login, string Password, string Role)>();
        if (environment.IsDevelopment())
        {
            foreach (var project in model.Resources.OfType<ProjectResource>())
            {
                foreach (var account in project.Annotations.OfType<DemoAccountAnnotation>())
                {
                    demoAccounts.Add((account.Login, await account.Password.GetValueAsync(cancellationToken) ?? "", account.Role));
                }
            }

            // The seeders have ended, so their log streams hold every line they printed.
            await Task.WhenAny(Task.WhenAll(accounts), Task.Delay(TimeSpan.FromSeconds(2), cancellationToken));
            demoAccounts.AddRange(accounts.Where(t => t.IsCompletedSuccessfully).SelectMany(t => t.Result));
        }

        Console.Out.Write(Format(healthy, seeders.Count > 0 ? seeded : null, demoAccounts));
        await Console.Out.FlushAsync(cancellationToken);
    }

    private string Format(TimeSpan healthy, TimeSpan? seeded, List<(string Login, string Password, string Role)> demoAccounts)
    {
        var text = new StringBuilder();
        var times = seeded is { } s
            ? string.Create(CultureInfo.InvariantCulture, $"{healthy.TotalSeconds:0.0} s to all healthy, {s.TotalSeconds:0.0} s with demo data")
            : string.Create(CultureInfo.InvariantCulture, $"{healthy.TotalSeconds:0.0} s to all healthy");
        text.AppendLine(CultureInfo.InvariantCulture, $"PartnerPlatform is up ({times}):");
        void Row(string name, string value) => text.AppendLine(CultureInfo.InvariantCulture, $"  {name,-22} {value}");

        if ((configuration["ASPNETCORE_URLS"] ?? configuration["applicationUrl"]) is { Length: > 0 } dashboard)
        {
            Row("dashboard", dashboard.Split(';')[0].TrimEnd('/') + "/");
        }

        foreach (var project in model.Resources.OfType<ProjectResource>().Where(p => !p.Annotations.OfType<ServiceRunAnnotation>().Any()))
        {
            var urls = _snapshots.TryGetValue(project.Name, out var snapshot)
                ? snapshot.Urls.Where(u => !u.IsInternal && !u.IsInactive).ToList()
                : [];
            var replicas = project.Annotations.OfType<ReplicaAnnotation>().FirstOrDefault()?.Replicas ?? 1;
            if (project.GetEndpoints().FirstOrDefault(e => e.EndpointName == "http") is { IsAllocated: true } http)
            {
                Row(project.Name, http.Url + "/" + (replicas > 1 ? $"  ({replicas} instances)" : ""));
            }

            foreach (var url in urls.Where(u => u.DisplayProperties.DisplayName is { Length: > 0 }))
            {
                Row(url.DisplayProperties.DisplayName, url.Url);
            }
        }

        foreach (var rabbit in model.Resources.OfType<RabbitMQServerResource>())
        {
            Row("RabbitMQ management", $"{rabbit.ManagementEndpoint.Url}/  (login {RabbitMQServerResource.UserName} / parameter {rabbit.Password.Name})");
        }

        foreach (var server in model.Resources.OfType<LocalServerResource>())
        {
            var databases = server is PostgresServerResource postgres && postgres.Databases.Count > 0
                ? "  databases: " + string.Join(", ", postgres.Databases.Select(d => d.DatabaseName))
                : "";
            Row(server.Name, $"127.0.0.1:{server.Endpoint.Port}{databases}");
        }

        foreach (var s3 in model.Resources.OfType<S3ServerResource>())
        {
            Row(s3.Name, $"{s3.Endpoint.Url}/  buckets: {string.Join(", ", s3.Buckets)}  (keys {S3ServerResource.AccessKey} / {S3ServerResource.SecretKey})");
        }

        foreach (var (login, password, role) in demoAccounts)
        {
            Row("demo account", $"{login} / {password}  ({role})");
        }

        text.AppendLine("Ctrl+C stops everything.");
        return text.ToString();
    }

    /// <summary>The <c>demo-account: {json}</c> lines a seeder prints, also shown as its properties on the dashboard.</summary>
    private async Task<List<(string Login, string Password, string Role)>> CollectAccountsAsync(ProjectResource seeder, CancellationToken cancellationToken)
    {
        var found = new List<(string Login, string Password, string Role)>();
        using var ended = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var end = notifications.WaitForResourceAsync(seeder.Name, KnownResourceStates.TerminalStates, cancellationToken)
            .ContinueWith(_ => ended.CancelAfter(TimeSpan.FromSeconds(1)), TaskScheduler.Default);
        try
        {
            await foreach (var batch in logs.WatchAsync(seeder).WithCancellation(ended.Token))
            {
                foreach (var line in batch)
                {
                    var index = line.Content.IndexOf(DemoAccountPrefix, StringComparison.Ordinal);
                    if (index < 0)
                    {
                        continue;
                    }

                    using var json = JsonDocument.Parse(line.Content[(index + DemoAccountPrefix.Length)..]);
                    var root = json.RootElement;
                    var account = (Text(root, "login"), Text(root, "password"), Text(root, "role"));
                    if (!found.Contains(account))
                    {
                        found.Add(account);
                        await notifications.PublishUpdateAsync(seeder, state => state with
                        {
                            Properties = [.. state.Properties, new($"demo-account.{account.Item1}", $"{account.Item2} ({account.Item3})") { IsSensitive = true }],
                        });
                    }
                }
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
        }
        catch (JsonException)
        {
        }

        await end;
        return found;
    }

    /// <summary>The latest state of each resource (of any replica), whose URLs are resolved ones.</summary>
    private async Task KeepLatestSnapshotsAsync(CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var change in notifications.WatchAsync(cancellationToken))
            {
                _snapshots[change.Resource.Name] = change.Snapshot;
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private static string Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString()! : "";
}

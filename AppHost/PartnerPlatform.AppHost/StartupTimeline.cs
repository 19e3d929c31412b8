using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace PartnerPlatform.AppHost;

/// <summary>
/// With <c>Platform:Timeline=true</c>, prints each change of a resource's state or health with the
/// seconds since the AppHost's process started (<c>[timeline] 12.3 s coupons-api-xyz Running Healthy</c>):
/// the start-up benchmark's profile reads these lines. It watches from before the orchestrator
/// starts anything (a hosted service would start only once every resource has been started).
/// </summary>
internal static class StartupTimeline
{
    public static IDistributedApplicationBuilder AddStartupTimeline(this IDistributedApplicationBuilder builder)
    {
        builder.Eventing.Subscribe<BeforeStartEvent>((start, cancellationToken) =>
        {
            var notifications = start.Services.GetRequiredService<ResourceNotificationService>();
            var logs = start.Services.GetRequiredService<ResourceLoggerService>();
            var stopping = start.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
            _ = Task.Run(() => PrintChangesAsync(notifications, logs, stopping), stopping);
            return Task.CompletedTask;
        });
        return builder;
    }

    private static async Task PrintChangesAsync(ResourceNotificationService notifications, ResourceLoggerService logs, CancellationToken stopping)
    {
        var started = Process.GetCurrentProcess().StartTime.ToUniversalTime();
        var last = new Dictionary<string, string>();
        try
        {
            await foreach (var change in notifications.WatchAsync(stopping))
            {
                var snapshot = change.Snapshot;
                var state = $"{snapshot.State?.Text ?? "-"} {snapshot.HealthStatus?.ToString() ?? "-"}"
                    + (snapshot.ExitCode is { } exitCode ? $" exit {exitCode}" : "");
                if (last.TryGetValue(change.ResourceId, out var previous) && previous == state)
                {
                    continue;
                }

                last[change.ResourceId] = state;
                var seconds = (DateTime.UtcNow - started).TotalSeconds;
                await Console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"[timeline] {seconds:0.0} s {change.ResourceId} {state}"));
                if (snapshot.ExitCode is { } code && code != 0)
                {
                    _ = Task.Run(() => PrintLastLinesAsync(logs, change.ResourceId, stopping), stopping);
                }
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
    }

    /// <summary>The end of the console log of a run that failed, so a failed start explains itself.</summary>
    private static async Task PrintLastLinesAsync(ResourceLoggerService logs, string resourceId, CancellationToken stopping)
    {
        var lines = new Queue<string>();
        using var enough = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        enough.CancelAfter(TimeSpan.FromSeconds(2));
        try
        {
            await foreach (var batch in logs.WatchAsync(resourceId).WithCancellation(enough.Token))
            {
                foreach (var line in batch)
                {
                    lines.Enqueue(line.Content);
                    if (lines.Count > 40)
                    {
                        lines.Dequeue();
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
        }

        await Console.Out.WriteLineAsync($"[timeline] {resourceId} ended with an error; its last lines:{Environment.NewLine}  " + string.Join(Environment.NewLine + "  ", lines));
    }
}

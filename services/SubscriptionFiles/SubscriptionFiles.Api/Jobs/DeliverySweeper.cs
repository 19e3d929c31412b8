using Microsoft.Extensions.Options;
using SubscriptionFiles.Api.Application;

namespace SubscriptionFiles.Api.Jobs;

/// <summary>Every sweep interval, runs the deliveries that are due (safe with many instances: rows are claimed with SKIP LOCKED).</summary>
public sealed class DeliverySweeper(DeliveryRunner runner, IOptions<SubscriptionFilesOptions> options, ILogger<DeliverySweeper> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.SweepInterval);
        do
        {
            try
            {
                await runner.RunDueAsync(stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogError(e, "The delivery sweep failed; it runs again at the next interval");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}

using MassTransit;
using Microsoft.Extensions.Options;
using SubscriptionFiles.Api.DemoData;

namespace SubscriptionFiles.Api.Jobs;

/// <summary>
/// Stands in for the vendor's billing and sales side, which the suite does not own: when
/// <c>SubscriptionFiles:DemoStreams</c> is on, publishes consumption, orders, customer tags and
/// performance for the demo partners' customers at every interval. These are source data, not state
/// changes of this service, so they go straight to the bus rather than through the outbox.
/// </summary>
public sealed class DemoStreamGenerator(IBus bus, IOptions<SubscriptionFilesOptions> options, TimeProvider time, ILogger<DemoStreamGenerator> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.DemoStreams)
        {
            return;
        }

        using var timer = new PeriodicTimer(options.Value.DemoStreamInterval);
        do
        {
            try
            {
                foreach (var message in DemoStreams.Batch(time.GetUtcNow(), Random.Shared))
                {
                    await bus.Publish(message, message.GetType(), stoppingToken);
                }
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(e, "Publishing the demo streams failed; trying again at the next interval");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}

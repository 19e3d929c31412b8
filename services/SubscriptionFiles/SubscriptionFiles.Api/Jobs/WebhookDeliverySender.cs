using Microsoft.Extensions.Options;
using SubscriptionFiles.Api.Application;

namespace SubscriptionFiles.Api.Jobs;

/// <summary>Every poll interval, sends the webhook deliveries that are due (safe with many instances: claims are leased, see <see cref="WebhookSender"/>).</summary>
public sealed class WebhookDeliverySender(WebhookSender sender, IOptions<WebhooksOptions> options, ILogger<WebhookDeliverySender> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.PollInterval);
        do
        {
            try
            {
                await sender.SendDueAsync(stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogError(e, "Sending due webhook deliveries failed; it runs again at the next interval");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}

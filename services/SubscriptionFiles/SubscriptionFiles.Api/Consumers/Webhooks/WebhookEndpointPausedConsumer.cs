using MassTransit;
using PartnerPlatform.Contracts.SubscriptionFiles;
using SubscriptionFiles.Api.Application;

namespace SubscriptionFiles.Api.Consumers.Webhooks;

/// <summary>Fans <see cref="WebhookEndpointPaused"/> out to the webhook endpoints of the partners it names.</summary>
public sealed class WebhookEndpointPausedConsumer(WebhookFanOut fanOut) : IConsumer<WebhookEndpointPaused>
{
    public Task Consume(ConsumeContext<WebhookEndpointPaused> context) => fanOut.AddDeliveriesAsync(context, m => [m.PartnerId]);
}

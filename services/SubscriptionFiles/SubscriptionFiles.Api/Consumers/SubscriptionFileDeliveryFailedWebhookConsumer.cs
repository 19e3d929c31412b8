using MassTransit;
using PartnerPlatform.Contracts.SubscriptionFiles;
using SubscriptionFiles.Api.Application;

namespace SubscriptionFiles.Api.Consumers;

/// <summary>Fans <see cref="SubscriptionFileDeliveryFailed"/> out to the webhook endpoints of the partners it names.</summary>
public sealed class SubscriptionFileDeliveryFailedWebhookConsumer(WebhookFanOut fanOut) : IConsumer<SubscriptionFileDeliveryFailed>
{
    public Task Consume(ConsumeContext<SubscriptionFileDeliveryFailed> context) => fanOut.AddDeliveriesAsync(context, m => [m.PartnerId]);
}

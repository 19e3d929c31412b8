using MassTransit;
using PartnerPlatform.Contracts.SubscriptionFiles;
using SubscriptionFiles.Api.Application;

namespace SubscriptionFiles.Api.Consumers.Webhooks;

/// <summary>Fans <see cref="SubscriptionFileDeliveryFailed"/> out to the webhook endpoints of the partners it names.</summary>
public sealed class SubscriptionFileDeliveryFailedConsumer(WebhookFanOut fanOut) : IConsumer<SubscriptionFileDeliveryFailed>
{
    public Task Consume(ConsumeContext<SubscriptionFileDeliveryFailed> context) => fanOut.AddDeliveriesAsync(context, m => [m.PartnerId]);
}

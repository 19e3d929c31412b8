using MassTransit;
using PartnerPlatform.Contracts.SubscriptionFiles;
using SubscriptionFiles.Api.Application;

namespace SubscriptionFiles.Api.Consumers.Webhooks;

/// <summary>Fans <see cref="SubscriptionFileDelivered"/> out to the webhook endpoints of the partners it names.</summary>
public sealed class SubscriptionFileDeliveredConsumer(WebhookFanOut fanOut) : IConsumer<SubscriptionFileDelivered>
{
    public Task Consume(ConsumeContext<SubscriptionFileDelivered> context) => fanOut.AddDeliveriesAsync(context, m => [m.PartnerId]);
}

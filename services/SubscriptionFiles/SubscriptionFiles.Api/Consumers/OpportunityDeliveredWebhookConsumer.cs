using MassTransit;
using PartnerPlatform.Contracts.Opportunities;
using SubscriptionFiles.Api.Application;

namespace SubscriptionFiles.Api.Consumers;

/// <summary>Fans <see cref="OpportunityDelivered"/> out to the webhook endpoints of the partners it names.</summary>
public sealed class OpportunityDeliveredWebhookConsumer(WebhookFanOut fanOut) : IConsumer<OpportunityDelivered>
{
    public Task Consume(ConsumeContext<OpportunityDelivered> context) => fanOut.AddDeliveriesAsync(context, m => [m.PartnerId]);
}

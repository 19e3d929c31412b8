using MassTransit;
using PartnerPlatform.Contracts.Opportunities;
using SubscriptionFiles.Api.Application;

namespace SubscriptionFiles.Api.Consumers.Webhooks;

/// <summary>Fans <see cref="OpportunityDelivered"/> out to the webhook endpoints of the partners it names.</summary>
public sealed class OpportunityDeliveredConsumer(WebhookFanOut fanOut) : IConsumer<OpportunityDelivered>
{
    public Task Consume(ConsumeContext<OpportunityDelivered> context) => fanOut.AddDeliveriesAsync(context, m => [m.PartnerId]);
}

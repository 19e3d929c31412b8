using MassTransit;
using PartnerPlatform.Contracts.Opportunities;
using SubscriptionFiles.Api.Application;

namespace SubscriptionFiles.Api.Consumers.Webhooks;

/// <summary>Fans <see cref="OpportunityLost"/> out to the webhook endpoints of the partners it names.</summary>
public sealed class OpportunityLostConsumer(WebhookFanOut fanOut) : IConsumer<OpportunityLost>
{
    public Task Consume(ConsumeContext<OpportunityLost> context) => fanOut.AddDeliveriesAsync(context, m => [m.PartnerId]);
}

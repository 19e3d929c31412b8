using MassTransit;
using PartnerPlatform.Contracts.Opportunities;
using SubscriptionFiles.Api.Application;

namespace SubscriptionFiles.Api.Consumers.Webhooks;

/// <summary>Fans <see cref="HandoverOpportunityAssigned"/> out to the webhook endpoints of the partners it names.</summary>
public sealed class HandoverOpportunityAssignedConsumer(WebhookFanOut fanOut) : IConsumer<HandoverOpportunityAssigned>
{
    public Task Consume(ConsumeContext<HandoverOpportunityAssigned> context) => fanOut.AddDeliveriesAsync(context, m => [m.PartnerId]);
}

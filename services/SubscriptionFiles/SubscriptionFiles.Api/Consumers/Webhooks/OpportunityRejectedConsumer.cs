using MassTransit;
using PartnerPlatform.Contracts.Opportunities;
using SubscriptionFiles.Api.Application;

namespace SubscriptionFiles.Api.Consumers.Webhooks;

/// <summary>Fans <see cref="OpportunityRejected"/> out to the webhook endpoints of the partners it names.</summary>
public sealed class OpportunityRejectedConsumer(WebhookFanOut fanOut) : IConsumer<OpportunityRejected>
{
    public Task Consume(ConsumeContext<OpportunityRejected> context) => fanOut.AddDeliveriesAsync(context, m => [m.PartnerId]);
}

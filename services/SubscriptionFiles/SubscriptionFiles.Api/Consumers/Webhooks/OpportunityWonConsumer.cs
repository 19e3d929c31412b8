using MassTransit;
using PartnerPlatform.Contracts.Opportunities;
using SubscriptionFiles.Api.Application;

namespace SubscriptionFiles.Api.Consumers.Webhooks;

/// <summary>Fans <see cref="OpportunityWon"/> out to the webhook endpoints of the partners it names.</summary>
public sealed class OpportunityWonConsumer(WebhookFanOut fanOut) : IConsumer<OpportunityWon>
{
    public Task Consume(ConsumeContext<OpportunityWon> context) => fanOut.AddDeliveriesAsync(context, m => [m.PartnerId]);
}

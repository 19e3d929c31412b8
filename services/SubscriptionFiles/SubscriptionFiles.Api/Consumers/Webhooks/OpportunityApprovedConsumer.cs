using MassTransit;
using PartnerPlatform.Contracts.Opportunities;
using SubscriptionFiles.Api.Application;

namespace SubscriptionFiles.Api.Consumers.Webhooks;

/// <summary>Fans <see cref="OpportunityApproved"/> out to the webhook endpoints of the partners it names.</summary>
public sealed class OpportunityApprovedConsumer(WebhookFanOut fanOut) : IConsumer<OpportunityApproved>
{
    public Task Consume(ConsumeContext<OpportunityApproved> context) => fanOut.AddDeliveriesAsync(context, m => [m.PartnerId]);
}

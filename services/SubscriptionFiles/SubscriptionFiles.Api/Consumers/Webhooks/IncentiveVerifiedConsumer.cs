using MassTransit;
using PartnerPlatform.Contracts.Incentives;
using SubscriptionFiles.Api.Application;

namespace SubscriptionFiles.Api.Consumers.Webhooks;

/// <summary>Fans <see cref="IncentiveVerified"/> out to the webhook endpoints of the partners it names.</summary>
public sealed class IncentiveVerifiedConsumer(WebhookFanOut fanOut) : IConsumer<IncentiveVerified>
{
    public Task Consume(ConsumeContext<IncentiveVerified> context) => fanOut.AddDeliveriesAsync(context, m => [m.PartnerId]);
}

using MassTransit;
using PartnerPlatform.Contracts.Resellers;
using SubscriptionFiles.Api.Application;

namespace SubscriptionFiles.Api.Consumers.Webhooks;

/// <summary>Fans <see cref="ResellerLinked"/> out to the webhook endpoints of the partners it names.</summary>
public sealed class ResellerLinkedConsumer(WebhookFanOut fanOut) : IConsumer<ResellerLinked>
{
    public Task Consume(ConsumeContext<ResellerLinked> context) => fanOut.AddDeliveriesAsync(context, m => [m.DistributorPartnerId, m.ResellerPartnerId]);
}

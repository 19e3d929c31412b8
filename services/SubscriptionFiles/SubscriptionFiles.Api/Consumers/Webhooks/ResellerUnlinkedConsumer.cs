using MassTransit;
using PartnerPlatform.Contracts.Resellers;
using SubscriptionFiles.Api.Application;

namespace SubscriptionFiles.Api.Consumers.Webhooks;

/// <summary>Fans <see cref="ResellerUnlinked"/> out to the webhook endpoints of the partners it names.</summary>
public sealed class ResellerUnlinkedConsumer(WebhookFanOut fanOut) : IConsumer<ResellerUnlinked>
{
    public Task Consume(ConsumeContext<ResellerUnlinked> context) => fanOut.AddDeliveriesAsync(context, m => [m.DistributorPartnerId, m.ResellerPartnerId]);
}

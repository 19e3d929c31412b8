using MassTransit;
using PartnerPlatform.Contracts.Resellers;
using SubscriptionFiles.Api.Application;

namespace SubscriptionFiles.Api.Consumers.Webhooks;

/// <summary>Fans <see cref="ResellerReinstated"/> out to the webhook endpoints of the partners it names.</summary>
public sealed class ResellerReinstatedConsumer(WebhookFanOut fanOut) : IConsumer<ResellerReinstated>
{
    public Task Consume(ConsumeContext<ResellerReinstated> context) => fanOut.AddDeliveriesAsync(context, m => [m.DistributorPartnerId, m.ResellerPartnerId]);
}

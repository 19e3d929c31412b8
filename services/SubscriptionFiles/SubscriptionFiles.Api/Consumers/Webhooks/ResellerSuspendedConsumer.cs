using MassTransit;
using PartnerPlatform.Contracts.Resellers;
using SubscriptionFiles.Api.Application;

namespace SubscriptionFiles.Api.Consumers.Webhooks;

/// <summary>Fans <see cref="ResellerSuspended"/> out to the webhook endpoints of the partners it names.</summary>
public sealed class ResellerSuspendedConsumer(WebhookFanOut fanOut) : IConsumer<ResellerSuspended>
{
    public Task Consume(ConsumeContext<ResellerSuspended> context) => fanOut.AddDeliveriesAsync(context, m => [m.DistributorPartnerId, m.ResellerPartnerId]);
}

using MassTransit;
using PartnerPlatform.Contracts.Identity;
using SubscriptionFiles.Api.Application;

namespace SubscriptionFiles.Api.Consumers.Webhooks;

/// <summary>Fans <see cref="CustomerDisassociated"/> out to the webhook endpoints of the partners it names.</summary>
public sealed class CustomerDisassociatedConsumer(WebhookFanOut fanOut) : IConsumer<CustomerDisassociated>
{
    public Task Consume(ConsumeContext<CustomerDisassociated> context) => fanOut.AddDeliveriesAsync(context, m => [m.PartnerId, m.IndirectPartnerId]);
}

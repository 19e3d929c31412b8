using MassTransit;
using PartnerPlatform.Contracts.Identity;
using SubscriptionFiles.Api.Application;

namespace SubscriptionFiles.Api.Consumers.Webhooks;

/// <summary>Fans <see cref="CustomerAssociated"/> out to the webhook endpoints of the partners it names.</summary>
public sealed class CustomerAssociatedConsumer(WebhookFanOut fanOut) : IConsumer<CustomerAssociated>
{
    public Task Consume(ConsumeContext<CustomerAssociated> context) => fanOut.AddDeliveriesAsync(context, m => [m.PartnerId, m.IndirectPartnerId]);
}

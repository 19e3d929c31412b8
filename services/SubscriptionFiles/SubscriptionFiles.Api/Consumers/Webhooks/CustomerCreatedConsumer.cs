using MassTransit;
using PartnerPlatform.Contracts.Identity;
using SubscriptionFiles.Api.Application;

namespace SubscriptionFiles.Api.Consumers.Webhooks;

/// <summary>Fans <see cref="CustomerCreated"/> out to the webhook endpoints of the partners it names.</summary>
public sealed class CustomerCreatedConsumer(WebhookFanOut fanOut) : IConsumer<CustomerCreated>
{
    public Task Consume(ConsumeContext<CustomerCreated> context) => fanOut.AddDeliveriesAsync(context, m => [m.PartnerId, m.IndirectPartnerId]);
}

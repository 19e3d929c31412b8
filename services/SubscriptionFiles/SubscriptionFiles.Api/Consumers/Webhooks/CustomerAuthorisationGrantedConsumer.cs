using MassTransit;
using PartnerPlatform.Contracts.Identity;
using SubscriptionFiles.Api.Application;

namespace SubscriptionFiles.Api.Consumers.Webhooks;

/// <summary>Fans <see cref="CustomerAuthorisationGranted"/> out to the webhook endpoints of the partners it names.</summary>
public sealed class CustomerAuthorisationGrantedConsumer(WebhookFanOut fanOut) : IConsumer<CustomerAuthorisationGranted>
{
    public Task Consume(ConsumeContext<CustomerAuthorisationGranted> context) => fanOut.AddDeliveriesAsync(context, m => [m.PartnerId]);
}

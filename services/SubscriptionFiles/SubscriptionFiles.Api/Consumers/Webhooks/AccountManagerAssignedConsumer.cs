using MassTransit;
using PartnerPlatform.Contracts.Identity;
using SubscriptionFiles.Api.Application;

namespace SubscriptionFiles.Api.Consumers.Webhooks;

/// <summary>Fans <see cref="AccountManagerAssigned"/> out to the webhook endpoints of the partners it names.</summary>
public sealed class AccountManagerAssignedConsumer(WebhookFanOut fanOut) : IConsumer<AccountManagerAssigned>
{
    public Task Consume(ConsumeContext<AccountManagerAssigned> context) => fanOut.AddDeliveriesAsync(context, m => [m.PartnerId]);
}

using MassTransit;
using PartnerPlatform.Contracts.Incentives;
using SubscriptionFiles.Api.Application;

namespace SubscriptionFiles.Api.Consumers.Webhooks;

/// <summary>Fans <see cref="PaymentPaid"/> out to the webhook endpoints of the partners it names.</summary>
public sealed class PaymentPaidConsumer(WebhookFanOut fanOut) : IConsumer<PaymentPaid>
{
    public Task Consume(ConsumeContext<PaymentPaid> context) => fanOut.AddDeliveriesAsync(context, m => [m.PartnerId]);
}

using MassTransit;
using PartnerPlatform.Contracts.Incentives;
using SubscriptionFiles.Api.Application;

namespace SubscriptionFiles.Api.Consumers;

/// <summary>Fans <see cref="PaymentPaid"/> out to the webhook endpoints of the partners it names.</summary>
public sealed class PaymentPaidWebhookConsumer(WebhookFanOut fanOut) : IConsumer<PaymentPaid>
{
    public Task Consume(ConsumeContext<PaymentPaid> context) => fanOut.AddDeliveriesAsync(context, m => [m.PartnerId]);
}

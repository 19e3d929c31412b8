using MassTransit;
using PartnerPlatform.Contracts.Coupons;
using SubscriptionFiles.Api.Application;

namespace SubscriptionFiles.Api.Consumers.Webhooks;

/// <summary>Fans <see cref="CouponQuotaGranted"/> out to the webhook endpoints of the partners it names.</summary>
public sealed class CouponQuotaGrantedConsumer(WebhookFanOut fanOut) : IConsumer<CouponQuotaGranted>
{
    public Task Consume(ConsumeContext<CouponQuotaGranted> context) => fanOut.AddDeliveriesAsync(context, m => [m.PartnerId]);
}

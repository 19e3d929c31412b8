using MassTransit;
using PartnerPlatform.Contracts.Coupons;
using SubscriptionFiles.Api.Application;

namespace SubscriptionFiles.Api.Consumers.Webhooks;

/// <summary>Fans <see cref="CouponExpired"/> out to the webhook endpoints of the partners it names.</summary>
public sealed class CouponExpiredConsumer(WebhookFanOut fanOut) : IConsumer<CouponExpired>
{
    public Task Consume(ConsumeContext<CouponExpired> context) => fanOut.AddDeliveriesAsync(context, m => [m.IssuerPartnerId]);
}

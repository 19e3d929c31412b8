using MassTransit;
using PartnerPlatform.Contracts.Coupons;
using SubscriptionFiles.Api.Application;

namespace SubscriptionFiles.Api.Consumers;

/// <summary>Fans <see cref="CouponRecalled"/> out to the webhook endpoints of the partners it names.</summary>
public sealed class CouponRecalledWebhookConsumer(WebhookFanOut fanOut) : IConsumer<CouponRecalled>
{
    public Task Consume(ConsumeContext<CouponRecalled> context) => fanOut.AddDeliveriesAsync(context, m => [m.IssuerPartnerId]);
}

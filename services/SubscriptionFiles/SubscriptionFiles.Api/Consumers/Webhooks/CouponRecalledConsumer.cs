using MassTransit;
using PartnerPlatform.Contracts.Coupons;
using SubscriptionFiles.Api.Application;

namespace SubscriptionFiles.Api.Consumers.Webhooks;

/// <summary>Fans <see cref="CouponRecalled"/> out to the webhook endpoints of the partners it names.</summary>
public sealed class CouponRecalledConsumer(WebhookFanOut fanOut) : IConsumer<CouponRecalled>
{
    public Task Consume(ConsumeContext<CouponRecalled> context) => fanOut.AddDeliveriesAsync(context, m => [m.IssuerPartnerId]);
}

using MassTransit;
using PartnerPlatform.Contracts.Coupons;
using SubscriptionFiles.Api.Application;

namespace SubscriptionFiles.Api.Consumers.Webhooks;

/// <summary>Fans <see cref="CouponRedeemed"/> out to the webhook endpoints of the partners it names.</summary>
public sealed class CouponRedeemedConsumer(WebhookFanOut fanOut) : IConsumer<CouponRedeemed>
{
    public Task Consume(ConsumeContext<CouponRedeemed> context) => fanOut.AddDeliveriesAsync(context, m => [m.IssuerPartnerId, m.IndirectPartnerId]);
}

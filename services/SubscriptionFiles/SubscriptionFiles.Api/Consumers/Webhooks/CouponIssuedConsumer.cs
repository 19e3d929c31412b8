using MassTransit;
using PartnerPlatform.Contracts.Coupons;
using SubscriptionFiles.Api.Application;

namespace SubscriptionFiles.Api.Consumers.Webhooks;

/// <summary>Fans <see cref="CouponIssued"/> out to the webhook endpoints of the partners it names.</summary>
public sealed class CouponIssuedConsumer(WebhookFanOut fanOut) : IConsumer<CouponIssued>
{
    public Task Consume(ConsumeContext<CouponIssued> context) => fanOut.AddDeliveriesAsync(context, m => [m.IssuerPartnerId, m.IndirectPartnerId]);
}

using MassTransit;
using PartnerPlatform.Contracts.Coupons;
using Resellers.Api.Data;
using Resellers.Api.Domain;

namespace Resellers.Api.Consumers;

/// <summary>
/// Counts a coupon redemption for the scorecards of the reseller it is credited to: the reseller a
/// distributor issued for (<c>IndirectPartnerId</c>), else the issuer. Vendor-issued coupons count for nobody.
/// </summary>
public sealed class CouponRedeemedConsumer(ResellersDbContext db) : IConsumer<CouponRedeemed>
{
    public Task Consume(ConsumeContext<CouponRedeemed> context)
    {
        var message = context.Message;
        if ((message.IndirectPartnerId ?? message.IssuerPartnerId) is not { } reseller)
        {
            return Task.CompletedTask;
        }

        db.KnownCouponRedemptions.Add(new KnownCouponRedemption
        {
            Id = context.MessageId ?? Guid.CreateVersion7(message.OccurredAt),
            ResellerPartnerId = reseller,
            CouponId = message.CouponId,
            OrderId = message.OrderId,
            DeductedAmount = message.DeductedAmount,
            RedeemedAt = message.OccurredAt,
        });
        return Task.CompletedTask;
    }
}

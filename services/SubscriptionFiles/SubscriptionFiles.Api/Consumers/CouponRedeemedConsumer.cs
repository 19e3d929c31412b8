using MassTransit;
using Microsoft.EntityFrameworkCore;
using PartnerPlatform.Contracts.Coupons;
using SubscriptionFiles.Api.Data;

namespace SubscriptionFiles.Api.Consumers;

/// <summary>A coupon paid part of an order: its balance changes and the redemption joins the issuer's operation log.</summary>
public sealed class CouponRedeemedConsumer(SubscriptionFilesDbContext db) : IConsumer<CouponRedeemed>
{
    public async Task Consume(ConsumeContext<CouponRedeemed> context)
    {
        var e = context.Message;
        if (e.IssuerPartnerId is not { } partnerId)
        {
            return;
        }

        await db.Database.ExecuteSqlAsync(
            $"""
            UPDATE coupons SET balance = {e.Balance}, status = CASE WHEN {e.Balance} = 0 THEN 'used' ELSE status END, last_event_at = {e.OccurredAt}
            WHERE coupon_id = {e.CouponId} AND last_event_at <= {e.OccurredAt};
            INSERT INTO coupon_operations (partner_id, coupon_id, customer_id, operation, amount, currency, order_id, occurred_at)
            VALUES ({partnerId}, {e.CouponId}, {e.CustomerId}, 'redeem', {e.DeductedAmount}, {e.Currency}, {e.OrderId}, {e.OccurredAt});
            """,
            context.CancellationToken);
    }
}

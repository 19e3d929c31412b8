using MassTransit;
using Microsoft.EntityFrameworkCore;
using PartnerPlatform.Contracts.Coupons;
using SubscriptionFiles.Api.Data;

namespace SubscriptionFiles.Api.Consumers;

/// <summary>A coupon expired with an unused balance: its status changes and the expiry joins the issuer's operation log.</summary>
public sealed class CouponExpiredConsumer(SubscriptionFilesDbContext db) : IConsumer<CouponExpired>
{
    public async Task Consume(ConsumeContext<CouponExpired> context)
    {
        var e = context.Message;
        if (e.IssuerPartnerId is not { } partnerId)
        {
            return;
        }

        await db.Database.ExecuteSqlAsync(
            $"""
            UPDATE coupons SET status = 'expired', last_event_at = {e.OccurredAt}
            WHERE coupon_id = {e.CouponId} AND last_event_at <= {e.OccurredAt};
            INSERT INTO coupon_operations (partner_id, coupon_id, customer_id, operation, amount, currency, occurred_at)
            VALUES ({partnerId}, {e.CouponId}, {e.CustomerId}, 'expire', {e.ExpiredAmount}, {e.Currency}, {e.OccurredAt});
            """,
            context.CancellationToken);
    }
}

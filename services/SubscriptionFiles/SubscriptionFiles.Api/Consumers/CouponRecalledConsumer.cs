using MassTransit;
using Microsoft.EntityFrameworkCore;
using PartnerPlatform.Contracts.Coupons;
using SubscriptionFiles.Api.Data;

namespace SubscriptionFiles.Api.Consumers;

/// <summary>The issuer recalled a coupon: its balance and status change, and the recall joins the operation log.</summary>
public sealed class CouponRecalledConsumer(SubscriptionFilesDbContext db) : IConsumer<CouponRecalled>
{
    public async Task Consume(ConsumeContext<CouponRecalled> context)
    {
        var e = context.Message;
        await db.Database.ExecuteSqlAsync(
            $"""
            UPDATE coupons SET balance = {e.Balance}, status = CASE WHEN {e.Balance} = 0 THEN 'recalled' ELSE status END, last_event_at = {e.OccurredAt}
            WHERE coupon_id = {e.CouponId} AND last_event_at <= {e.OccurredAt};
            INSERT INTO coupon_operations (partner_id, coupon_id, customer_id, operation, amount, currency, occurred_at)
            VALUES ({e.IssuerPartnerId}, {e.CouponId}, {e.CustomerId}, 'recall', {e.Amount}, {e.Currency}, {e.OccurredAt});
            """,
            context.CancellationToken);
    }
}

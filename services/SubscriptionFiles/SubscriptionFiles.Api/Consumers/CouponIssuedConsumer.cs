using MassTransit;
using Microsoft.EntityFrameworkCore;
using PartnerPlatform.Contracts.Coupons;
using SubscriptionFiles.Api.Data;

namespace SubscriptionFiles.Api.Consumers;

/// <summary>A partner issued a coupon: it joins the partner's coupon list and operation log (vendor-issued coupons are no partner's list).</summary>
public sealed class CouponIssuedConsumer(SubscriptionFilesDbContext db) : IConsumer<CouponIssued>
{
    public async Task Consume(ConsumeContext<CouponIssued> context)
    {
        var e = context.Message;
        if (e.IssuerPartnerId is not { } partnerId)
        {
            return;
        }

        await db.Database.ExecuteSqlAsync(
            $"""
            INSERT INTO coupons (coupon_id, partner_id, indirect_partner_id, customer_id, coupon_type, face_value, balance, currency, status, valid_from, expires_at, issued_at, last_event_at)
            VALUES ({e.CouponId}, {partnerId}, {e.IndirectPartnerId}, {e.CustomerId}, {e.CouponType}, {e.FaceValue}, {e.FaceValue}, {e.Currency}, 'available', {e.ValidFrom}, {e.ExpiresAt}, {e.OccurredAt}, {e.OccurredAt})
            ON CONFLICT (coupon_id) DO NOTHING;
            INSERT INTO coupon_operations (partner_id, coupon_id, customer_id, operation, amount, currency, occurred_at)
            VALUES ({partnerId}, {e.CouponId}, {e.CustomerId}, 'issue', {e.FaceValue}, {e.Currency}, {e.OccurredAt});
            """,
            context.CancellationToken);
    }
}

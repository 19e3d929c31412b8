using Coupons.Api.Data;
using Coupons.Api.Domain;
using Microsoft.EntityFrameworkCore;

namespace Coupons.Api.Application;

internal static class CouponLocks
{
    /// <summary>
    /// Loads a coupon for change and locks its row until the transaction ends, so a recall, a
    /// redemption and the expiry sweeper never act on the same balance at once.
    /// </summary>
    public static async Task<Coupon?> LockAsync(this CouponsDbContext db, Guid couponId, CancellationToken cancellationToken)
    {
        var rows = await db.Coupons.FromSql($"SELECT * FROM coupons WHERE id = {couponId} FOR UPDATE").AsTracking().ToListAsync(cancellationToken);
        return rows.SingleOrDefault();
    }
}

using Microsoft.EntityFrameworkCore;

namespace Coupons.Api.Data;

/// <summary>
/// The only statements that change a quota's remaining amount. Each is a conditional update or runs
/// under the row's lock, so concurrent issuers, grants, recalls and reclaims never overspend and
/// never lose an update. Call them inside the caller's transaction.
/// </summary>
internal static class QuotaSql
{
    /// <summary>
    /// Takes <paramref name="amount"/> out of an issuable quota of <paramref name="partnerId"/> in one
    /// conditional UPDATE; false when the quota is not issuable or does not cover the amount.
    /// </summary>
    public static async Task<bool> TryTakeAsync(
        CouponsDbContext db, Guid quotaId, Guid partnerId, decimal amount, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var updated = await db.Database.ExecuteSqlAsync(
            $"""
            UPDATE quotas SET remaining_amount = remaining_amount - {amount}, updated_at = {now}
            WHERE id = {quotaId} AND partner_id = {partnerId} AND status = 'normal'
              AND valid_from <= {now} AND expires_at > {now} AND remaining_amount >= {amount}
            """,
            cancellationToken);
        return updated == 1;
    }

    /// <summary>
    /// Gives <paramref name="amount"/> back to a quota that is still valid: not cancelled and not
    /// expired (a frozen or adjusting quota is held back, not lost). False when it is not (the amount lapses).
    /// </summary>
    public static async Task<bool> TryReturnAsync(CouponsDbContext db, Guid quotaId, decimal amount, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var updated = await db.Database.ExecuteSqlAsync(
            $"""
            UPDATE quotas SET remaining_amount = remaining_amount + {amount}, updated_at = {now}
            WHERE id = {quotaId} AND status <> 'invalid' AND expires_at > {now}
            """,
            cancellationToken);
        return updated == 1;
    }

    /// <summary>
    /// Cancels a reseller quota granted by <paramref name="distributorPartnerId"/> and returns what was
    /// left on it; null when it is already invalid (reclaimed, cancelled or expired, swept or not:
    /// what an expired quota still holds has lapsed and does not go back to the source).
    /// </summary>
    public static async Task<decimal?> TryCancelGrantedAsync(
        CouponsDbContext db, Guid quotaId, Guid distributorPartnerId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var remaining = await db.Database.SqlQuery<decimal>(
            $"""
            SELECT remaining_amount AS "Value" FROM quotas
            WHERE id = {quotaId} AND distributor_partner_id = {distributorPartnerId} AND status <> 'invalid' AND expires_at > {now}
            FOR UPDATE
            """).ToListAsync(cancellationToken);
        if (remaining.Count == 0)
        {
            return null;
        }

        await db.Database.ExecuteSqlAsync(
            $"UPDATE quotas SET remaining_amount = 0, status = 'invalid', updated_at = {now} WHERE id = {quotaId}",
            cancellationToken);
        return remaining[0];
    }
}

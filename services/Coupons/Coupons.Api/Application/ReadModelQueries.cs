using Coupons.Api.Data;
using Coupons.Api.Domain;
using Microsoft.EntityFrameworkCore;

namespace Coupons.Api.Application;

/// <summary>Questions answered from the local read models kept from other services' events.</summary>
internal static class ReadModelQueries
{
    public static readonly string[] QuotaEligibleProgrammes =
        [PartnerProgramme.SolutionProvider, PartnerProgramme.Distributor, PartnerProgramme.GovSubsidy];

    /// <summary>The reseller is actively linked to the distributor (suspended and revoked links are not).</summary>
    public static Task<bool> IsLinkedAsync(this CouponsDbContext db, Guid distributorPartnerId, Guid resellerPartnerId, CancellationToken cancellationToken) =>
        db.ResellerLinks.AnyAsync(
            l => l.DistributorPartnerId == distributorPartnerId && l.ResellerPartnerId == resellerPartnerId && l.Status == ResellerLink.Active,
            cancellationToken);

    /// <summary>
    /// <see cref="IsLinkedAsync"/> inside the caller's transaction, keeping the active link row
    /// share-locked until that transaction ends. The link consumers change a link's status with an
    /// UPDATE of that row, which waits for the share lock; and a share lock requested after such an
    /// UPDATE waits for its commit and then reads the row as committed. So whatever the caller
    /// commits under this check is ordered before a suspension or revocation, never after it. Grants
    /// to a reseller and recalls of a reseller's customer's coupon take it; the issue statement takes the same lock.
    /// </summary>
    public static async Task<bool> HoldActiveLinkAsync(this CouponsDbContext db, Guid distributorPartnerId, Guid resellerPartnerId, CancellationToken cancellationToken)
    {
        var active = await db.Database.SqlQuery<int>(
            $"""
            SELECT 1 AS "Value" FROM reseller_links
            WHERE distributor_partner_id = {distributorPartnerId} AND reseller_partner_id = {resellerPartnerId} AND status = 'active'
            LIMIT 1 FOR SHARE
            """).ToListAsync(cancellationToken);
        return active.Count > 0;
    }

    /// <summary>
    /// The reseller is or was linked to the distributor, whatever the link's status now: what a
    /// distributor granted stays reclaimable after a suspension or revocation.
    /// </summary>
    public static Task<bool> HasBeenLinkedAsync(this CouponsDbContext db, Guid distributorPartnerId, Guid resellerPartnerId, CancellationToken cancellationToken) =>
        db.ResellerLinks.AnyAsync(l => l.DistributorPartnerId == distributorPartnerId && l.ResellerPartnerId == resellerPartnerId, cancellationToken);

    /// <summary>The partner holds a programme that receives quotas from the vendor.</summary>
    public static Task<bool> MayReceiveVendorQuotaAsync(this CouponsDbContext db, Guid partnerId, DateTimeOffset now, CancellationToken cancellationToken) =>
        db.PartnerProgrammes.AnyAsync(
            p => p.PartnerId == partnerId && p.Active && QuotaEligibleProgrammes.Contains(p.Programme) && (p.ExpiresAt == null || p.ExpiresAt > now),
            cancellationToken);
}

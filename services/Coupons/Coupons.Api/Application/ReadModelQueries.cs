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

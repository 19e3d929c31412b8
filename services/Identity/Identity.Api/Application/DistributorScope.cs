using Identity.Api.Data;
using Identity.Api.Domain;
using Microsoft.EntityFrameworkCore;
using PartnerPlatform.ServiceDefaults;

namespace Identity.Api.Application;

/// <summary>Whether a distributor may act for a reseller: only through an active link.</summary>
public sealed class DistributorScope(IdentityDbContext db)
{
    /// <summary>404 CBC.0156 unless <paramref name="distributorId"/> holds an active link to <paramref name="resellerId"/>.</summary>
    public async Task EnsureActsForAsync(Guid distributorId, Guid resellerId, CancellationToken cancellationToken)
    {
        if (!await db.ResellerLinks.AnyAsync(
                l => l.DistributorId == distributorId && l.ResellerId == resellerId && l.Status == ResellerLinkStatus.Active,
                cancellationToken))
        {
            throw ApiException.NotFound("No active reseller link to indirect_partner_id.");
        }
    }
}

using Identity.Api.Data;
using Identity.Api.Domain;
using Microsoft.EntityFrameworkCore;
using PartnerPlatform.ServiceDefaults;

namespace Identity.Api.Application;

internal static class PartnerLoading
{
    /// <summary>A partner with its programmes and tags, tracked for changes; 404 CBC.0156 when absent.</summary>
    public static async Task<Partner> LoadPartnerAsync(this IdentityDbContext db, Guid partnerId, CancellationToken cancellationToken) =>
        await db.Partners.Include(p => p.Programmes).Include(p => p.CapabilityTags).AsSplitQuery()
            .SingleOrDefaultAsync(p => p.Id == partnerId, cancellationToken)
        ?? throw ApiException.NotFound();
}

using Microsoft.EntityFrameworkCore;
using Resellers.Api.Data;

namespace Resellers.Api.Application;

/// <summary>Company names from the read model of identity-api's <c>PartnerRegistered</c>, for lists and views.</summary>
public static class PartnerNames
{
    public static async Task<Dictionary<Guid, string>> PartnerNamesAsync(
        this ResellersDbContext db, IEnumerable<Guid> partnerIds, CancellationToken cancellationToken)
    {
        var ids = partnerIds.Distinct().ToList();
        return await db.KnownPartners.AsNoTracking()
            .Where(p => ids.Contains(p.Id))
            .ToDictionaryAsync(p => p.Id, p => p.CompanyName, cancellationToken);
    }
}

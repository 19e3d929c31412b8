using System.Collections.Concurrent;
using Coupons.Api.Data;
using Coupons.Api.Domain;
using Microsoft.EntityFrameworkCore;

namespace Coupons.Api.Application;

/// <summary>
/// Quotas as first read, kept in memory for their terms that never change after creation: holder,
/// type, currency, validity window and restrictions. Their status and remaining amount are never
/// taken from here: the issue statement checks them in the database.
/// </summary>
public sealed class QuotaTerms
{
    private const int Capacity = 10_000;
    private readonly ConcurrentDictionary<Guid, Quota> _quotas = new();

    /// <summary>The quota (whatever its holder), or null when it does not exist.</summary>
    public async Task<Quota?> GetAsync(CouponsDbContext db, Guid quotaId, CancellationToken cancellationToken)
    {
        if (_quotas.TryGetValue(quotaId, out var known))
        {
            return known;
        }

        var quota = await db.Quotas.AsNoTracking().FirstOrDefaultAsync(q => q.Id == quotaId, cancellationToken);
        if (quota is not null)
        {
            if (_quotas.Count >= Capacity)
            {
                _quotas.Clear();
            }

            _quotas[quotaId] = quota;
        }

        return quota;
    }
}

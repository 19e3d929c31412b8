using Identity.Api.Data;
using Identity.Api.Domain;

namespace Identity.Api.Application;

/// <summary>Applies one link event, unless a later one was applied already (events may arrive out of order).</summary>
public static class ResellerLinkState
{
    public static async Task ApplyAsync(
        IdentityDbContext db, Guid linkId, Guid distributorId, Guid resellerId, ResellerLinkStatus status, DateTimeOffset occurredAt, CancellationToken cancellationToken)
    {
        var link = await db.ResellerLinks.FindAsync([linkId], cancellationToken);
        if (link is null)
        {
            db.ResellerLinks.Add(new ResellerLink
            {
                LinkId = linkId,
                DistributorId = distributorId,
                ResellerId = resellerId,
                Status = status,
                ChangedAt = occurredAt,
            });
        }
        else if (link.Status != ResellerLinkStatus.Unlinked && occurredAt >= link.ChangedAt)
        {
            link.Status = status;
            link.ChangedAt = occurredAt;
        }

        await db.SaveChangesAsync(cancellationToken);
    }
}

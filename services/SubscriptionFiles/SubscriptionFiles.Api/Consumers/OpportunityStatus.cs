using Microsoft.EntityFrameworkCore;
using SubscriptionFiles.Api.Data;

namespace SubscriptionFiles.Api.Consumers;

/// <summary>Moves an opportunity of the read model to a status; events older than the row's last one are ignored.</summary>
internal static class OpportunityStatus
{
    public static Task SetAsync(
        SubscriptionFilesDbContext db, Guid opportunityId, Guid partnerId, string status, string? stage, DateTimeOffset occurredAt, CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlAsync(
            $"""
            UPDATE opportunities SET status = {status}, stage = coalesce({stage}, stage), last_event_at = {occurredAt}
            WHERE opportunity_id = {opportunityId} AND partner_id = {partnerId} AND last_event_at <= {occurredAt}
            """,
            cancellationToken);
}

using MassTransit;
using Microsoft.EntityFrameworkCore;
using PartnerPlatform.Contracts.Identity;
using SubscriptionFiles.Api.Data;

namespace SubscriptionFiles.Api.Consumers;

/// <summary>The customer left the partner; it stays listed as not associated. Older events than the row's are ignored.</summary>
public sealed class CustomerDisassociatedConsumer(SubscriptionFilesDbContext db) : IConsumer<CustomerDisassociated>
{
    public async Task Consume(ConsumeContext<CustomerDisassociated> context)
    {
        var e = context.Message;
        await db.Database.ExecuteSqlAsync(
            $"""
            UPDATE customers SET associated = FALSE, last_event_at = {e.OccurredAt}
            WHERE customer_id = {e.CustomerId} AND partner_id = {e.PartnerId} AND last_event_at <= {e.OccurredAt}
            """,
            context.CancellationToken);
    }
}

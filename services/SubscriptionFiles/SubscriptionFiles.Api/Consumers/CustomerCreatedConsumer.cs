using MassTransit;
using Microsoft.EntityFrameworkCore;
using PartnerPlatform.Contracts.Identity;
using SubscriptionFiles.Api.Data;

namespace SubscriptionFiles.Api.Consumers;

/// <summary>Records the customer's account name (the customer_name of files and exports, always anonymised there).</summary>
public sealed class CustomerCreatedConsumer(SubscriptionFilesDbContext db) : IConsumer<CustomerCreated>
{
    public async Task Consume(ConsumeContext<CustomerCreated> context)
    {
        var e = context.Message;
        await db.Database.ExecuteSqlAsync(
            $"""
            INSERT INTO customers (customer_id, partner_id, indirect_partner_id, account_name, association_type, associated, last_event_at)
            VALUES ({e.CustomerId}, {e.PartnerId}, {e.IndirectPartnerId}, {e.AccountName}, {e.AssociationType}, FALSE, {e.OccurredAt})
            ON CONFLICT (customer_id) DO UPDATE SET account_name = excluded.account_name
            """,
            context.CancellationToken);
    }
}

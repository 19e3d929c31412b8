using MassTransit;
using Microsoft.EntityFrameworkCore;
using Opportunities.Api.Data;
using PartnerPlatform.Contracts.Identity;

namespace Opportunities.Api.Consumers;

/// <summary>Records the customer's authorisation of the partner (<c>share_with_vendor</c> is what a PO's consent needs).</summary>
public sealed class CustomerAuthorisationGrantedConsumer(OpportunitiesDbContext db) : IConsumer<CustomerAuthorisationGranted>
{
    public async Task Consume(ConsumeContext<CustomerAuthorisationGranted> context)
    {
        var e = context.Message;
        await db.Database.ExecuteSqlAsync(
            $"""
            INSERT INTO customer_authorisations (partner_id, customer_id, purpose, authorisation_id, granted_at)
            VALUES ({e.PartnerId}, {e.CustomerId}, {e.Purpose}, {e.AuthorisationId}, {e.OccurredAt})
            ON CONFLICT (partner_id, customer_id, purpose) DO UPDATE SET authorisation_id = excluded.authorisation_id, granted_at = excluded.granted_at
            WHERE customer_authorisations.granted_at < excluded.granted_at
            """,
            context.CancellationToken);
    }
}

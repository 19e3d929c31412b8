using MassTransit;
using Microsoft.EntityFrameworkCore;
using PartnerPlatform.Contracts.Identity;
using SubscriptionFiles.Api.Data;

namespace SubscriptionFiles.Api.Consumers;

/// <summary>Records the customer's account manager (consumption by account manager).</summary>
public sealed class AccountManagerAssignedConsumer(SubscriptionFilesDbContext db) : IConsumer<AccountManagerAssigned>
{
    public async Task Consume(ConsumeContext<AccountManagerAssigned> context)
    {
        var e = context.Message;
        await db.Database.ExecuteSqlAsync(
            $"""
            UPDATE customers SET account_manager_id = {e.MemberId}
            WHERE customer_id = {e.CustomerId} AND partner_id = {e.PartnerId}
            """,
            context.CancellationToken);
    }
}

using Microsoft.EntityFrameworkCore;
using PartnerPlatform.Contracts.Identity;
using PartnerPlatform.Contracts.SubscriptionFiles;
using PartnerPlatform.Testing;

namespace SubscriptionFiles.Tests.Support;

/// <summary>Feeds the read models the way production does: by publishing the other services' events.</summary>
public static class Data
{
    /// <summary>Customers of the partner with clear names, mobiles and e-mails in their account names (identity-api's events).</summary>
    public static async Task<List<(Guid Id, string Name)>> CustomersAsync(SubscriptionFilesApiFactory api, Guid partnerId, int count, DateTimeOffset at)
    {
        var customers = Enumerable.Range(1, count).Select(i => (Id: Guid.NewGuid(), Name: $"Zhang Wei {i} Trading, Ltd.")).ToList();
        foreach (var (id, name) in customers)
        {
            await api.PublishAsync(new CustomerCreated(id, partnerId, null, name, "reseller", at));
            await api.PublishAsync(new CustomerAssociated(partnerId, id, "reseller", null, at));
        }

        await Eventually.HoldsAsync(
            async () =>
            {
                await using var db = api.Db();
                var ids = customers.Select(c => c.Id).ToList();
                return await db.Customers.CountAsync(c => ids.Contains(c.CustomerId) && c.Associated && c.AccountName != null) == count;
            },
            TimeSpan.FromSeconds(30),
            $"{count} customers of the partner are in the read model");
        return customers;
    }

    public static async Task ConsumptionAsync(SubscriptionFilesApiFactory api, Guid partnerId, IEnumerable<Guid> customerIds, DateTimeOffset at)
    {
        var ids = customerIds.ToList();
        foreach (var customerId in ids)
        {
            await api.PublishAsync(new ConsumptionRecorded(
                Guid.NewGuid(), partnerId, customerId, null, "ecs.general.c7", "cn-north-4", DateOnly.FromDateTime(at.UtcDateTime), 12.50m, "CNY", at));
        }

        await Eventually.HoldsAsync(
            async () =>
            {
                await using var db = api.Db();
                return await db.ConsumptionRecords.CountAsync(r => r.PartnerId == partnerId) == ids.Count;
            },
            TimeSpan.FromSeconds(30),
            "the consumption is in the read model");
    }
}

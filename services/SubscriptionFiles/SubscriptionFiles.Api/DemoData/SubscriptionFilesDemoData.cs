using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PartnerPlatform.Contracts.SubscriptionFiles;
using SubscriptionFiles.Api.Application;
using SubscriptionFiles.Api.Data;
using SubscriptionFiles.Api.Domain;

namespace SubscriptionFiles.Api.DemoData;

/// <summary>Seeds the demo: a subscribed distributor, a week of billing and sales data, one delivery made. Runs once.</summary>
public sealed class SubscriptionFilesDemoData(
    SubscriptionFilesDbContext db, Subscribing subscribing, DeliveryRunner runner, IOptions<SubscriptionFilesOptions> options, TimeProvider time)
{
    public const string BucketName = "demo-distributor-files";

    public static readonly Content[] Contents =
        [Content.CustomerConsumptionSummary, Content.CustomerInformation, Content.OrderResourceDetails, Content.NewCustomerTags, Content.Performance];

    public async Task<IEnumerable<string>> SeedAsync(CancellationToken cancellationToken)
    {
        if (await db.Subscriptions.AnyAsync(s => s.PartnerId == DemoPartners.Distributor, cancellationToken))
        {
            return ["subscription-files demo data already seeded"];
        }

        var now = time.GetUtcNow();
        var lastWeek = DeliverySchedule.FirstPeriod(now - TimeSpan.FromDays(7));
        SeedCustomers(lastWeek.Start);
        for (var day = 0; day < 7; day++)
        {
            SeedStreams(DemoStreams.Batch(lastWeek.Start.AddDays(day).AddHours(4), new Random(day)));
        }

        await db.SaveChangesAsync(cancellationToken);

        Directory.CreateDirectory(Path.Combine(Path.GetFullPath(options.Value.LocalBucketRoot), BucketName));
        var subscription = await subscribing.SubscribeAsync(
            DemoPartners.Distributor, null, new SubscribeCommand(Contents, BucketKind.Local, BucketName, "partner-center"), cancellationToken);

        var tracked = await db.Subscriptions.Include(s => s.Contents).SingleAsync(s => s.Id == subscription.Id, cancellationToken);
        var made = Delivery.Schedule(tracked, Content.CustomerConsumptionSummary, lastWeek, now);
        made.NextAttemptAt = now;
        db.Deliveries.Add(made);
        await db.SaveChangesAsync(cancellationToken);
        while (await runner.RunNextDueAsync(cancellationToken))
        {
        }

        return
        [
            $"subscription {subscription.Id}: partner {DemoPartners.Distributor} subscribes to {Contents.Length} contents into local bucket {BucketName}",
            $"delivery {made.Id}: customer_consumption_summary of {lastWeek.Label} delivered",
        ];
    }

    private void SeedCustomers(DateTimeOffset associatedAt)
    {
        foreach (var customer in DemoPartners.Customers)
        {
            db.Customers.Add(new CustomerRecord
            {
                CustomerId = customer.Id,
                PartnerId = customer.PartnerId,
                AccountName = customer.Name,
                AssociationType = "reseller",
                Associated = true,
                AccountManagerId = customer.AccountManagerId,
                AssociatedAt = associatedAt,
                LastEventAt = associatedAt,
            });
        }
    }

    private void SeedStreams(IEnumerable<object> messages)
    {
        foreach (var message in messages)
        {
            switch (message)
            {
                case ConsumptionRecorded c:
                    db.ConsumptionRecords.Add(new ConsumptionRecord
                    {
                        RecordId = c.RecordId, PartnerId = c.PartnerId, CustomerId = c.CustomerId, AccountManagerId = c.AccountManagerId,
                        ProductCode = c.ProductCode, Region = c.Region, ConsumedOn = c.ConsumedOn, Amount = c.Amount, Currency = c.Currency,
                        RecordedAt = c.OccurredAt,
                    });
                    break;
                case OrderRecorded o:
                    db.Orders.Add(new OrderRecord
                    {
                        OrderId = o.OrderId, PartnerId = o.PartnerId, CustomerId = o.CustomerId, OrderType = o.OrderType, ProductCode = o.ProductCode,
                        ResourceId = o.ResourceId, Region = o.Region, Amount = o.Amount, Currency = o.Currency, OrderedAt = o.OrderedAt,
                    });
                    break;
                case PerformanceRecorded p:
                    db.PerformanceRecords.Add(new PerformanceRecord
                    {
                        RecordId = p.RecordId, PartnerId = p.PartnerId, Period = p.Period, Metric = p.Metric, Value = p.Value, Currency = p.Currency,
                        RecordedAt = p.OccurredAt,
                    });
                    break;
            }
        }
    }
}

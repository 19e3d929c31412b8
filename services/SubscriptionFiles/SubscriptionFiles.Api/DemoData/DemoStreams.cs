using PartnerPlatform.Contracts.SubscriptionFiles;

namespace SubscriptionFiles.Api.DemoData;

/// <summary>Realistic billing and sales events for the demo customers: daily consumption, some orders, new-customer tags, performance.</summary>
public static class DemoStreams
{
    private static readonly string[] Products = ["ecs.general.c7", "obs.standard", "rds.mysql.ha", "cdn.traffic", "elb.shared"];
    private static readonly string[] Regions = ["cn-north-4", "cn-east-3", "cn-south-1"];

    public static IReadOnlyList<object> Batch(DateTimeOffset now, Random random)
    {
        var messages = new List<object>();
        var day = DateOnly.FromDateTime(now.ToOffset(TimeSpan.FromHours(8)).DateTime);
        foreach (var customer in DemoPartners.Customers)
        {
            var product = Products[random.Next(Products.Length)];
            var region = Regions[random.Next(Regions.Length)];
            messages.Add(new ConsumptionRecorded(
                Guid.CreateVersion7(now), customer.PartnerId, customer.Id, customer.AccountManagerId, product, region, day,
                Math.Round((decimal)(random.NextDouble() * 900 + 20), 2), "CNY", now));
            if (random.Next(3) == 0)
            {
                var orderId = Guid.CreateVersion7(now);
                messages.Add(new OrderRecorded(
                    orderId, customer.PartnerId, customer.Id, random.Next(2) == 0 ? "new" : "renewal", product, $"{product}-{orderId.ToString("N")[..12]}", region,
                    Math.Round((decimal)(random.NextDouble() * 5000 + 100), 2), "CNY", now, now));
            }

            if (random.Next(10) == 0)
            {
                messages.Add(new CustomerTagged(customer.PartnerId, customer.Id, "new_customer", now));
            }
        }

        foreach (var partnerId in DemoPartners.Customers.Select(c => c.PartnerId).Distinct())
        {
            messages.Add(new PerformanceRecorded(
                Guid.CreateVersion7(now), partnerId, $"{now.ToOffset(TimeSpan.FromHours(8)):yyyy-MM}", "sales_revenue",
                Math.Round((decimal)(random.NextDouble() * 20000 + 1000), 2), "CNY", now));
        }

        return messages;
    }
}

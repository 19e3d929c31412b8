using System.Net;
using Microsoft.EntityFrameworkCore;
using PartnerPlatform.Contracts.SubscriptionFiles;
using PartnerPlatform.ServiceDefaults;
using PartnerPlatform.Testing;
using SubscriptionFiles.Api.Domain;
using SubscriptionFiles.Tests.Support;

namespace SubscriptionFiles.Tests;

/// <summary>Subscribe, let the period close, find the files and their manifest in the bucket; once per (partner, content, period).</summary>
public sealed class DeliveryTests(SubscriptionFilesApiFactory api) : IClassFixture<SubscriptionFilesApiFactory>
{
    /// <summary>Wednesday 2027-06-02 23:59 Beijing time.</summary>
    private static readonly DateTimeOffset WednesdayLastMinute = DateTimeOffset.Parse("2027-06-02T23:59:00+08:00").ToUniversalTime();

    private static readonly DateTimeOffset PeriodEnd = DateTimeOffset.Parse("2027-06-07T00:00:00+08:00").ToUniversalTime();

    [Fact]
    public async Task A_subscription_delivers_anonymised_split_files_and_a_manifest_before_next_Wednesday()
    {
        api.Clock.SetUtcNow(WednesdayLastMinute);
        var partner = Guid.NewGuid();
        var customers = await Data.CustomersAsync(api, partner, 5, WednesdayLastMinute);
        await Data.ConsumptionAsync(api, partner, customers.Take(3).Select(c => c.Id), WednesdayLastMinute);
        var bucket = api.NewLocalBucket();

        var subscription = await api.SubscribeAsync(partner, bucket, ["customer_information", "customer_consumption_summary"], prefix: "reports/weekly");
        Assert.Equal("reports/weekly/", subscription.GetProperty("bucket").GetProperty("prefix").GetString());

        using var client = api.Partner(partner);
        var pending = await ProblemAssert.IsSuccess(await client.GetAsync("/v2/partners/subscriptions/deliveries"));
        Assert.Equal(2, pending.GetProperty("total_count").GetInt32());
        foreach (var delivery in pending.GetProperty("deliveries").EnumerateArray())
        {
            Assert.Equal("pending", delivery.GetProperty("status").GetString());
            Assert.Equal("2027-05-31/2027-06-07", delivery.GetProperty("period").GetString());
            Assert.Equal(DateTimeOffset.Parse("2027-06-10T00:00:00+08:00"), delivery.GetProperty("deliver_by").GetDateTimeOffset());
        }

        await api.RunDueDeliveriesAsync();
        await AssertStatusesAsync(partner, DeliveryStatus.Pending, DeliveryStatus.Pending);

        api.Clock.SetUtcNow(PeriodEnd);
        await api.RunDueDeliveriesAsync();

        var storage = api.OpenBucket(BucketKind.Local, bucket);
        var (manifest, rows) = await Manifests.ReadVerifiedAsync(storage, "reports/weekly/customer_information/2027-05-31_2027-06-07/");
        Assert.Equal(1, manifest.GetProperty("schema_version").GetInt32());
        Assert.Equal("2027-05-31/2027-06-07", manifest.GetProperty("period").GetString());
        Assert.Equal(3, manifest.GetProperty("files").GetArrayLength());
        Assert.Equal([2L, 2L, 1L], manifest.GetProperty("files").EnumerateArray().Select(f => f.GetProperty("rows").GetInt64()));
        Assert.Equal(customers.Select(c => c.Id.ToString()).Order(), rows.Select(r => r[0]).Order());
        var nameColumn = Array.IndexOf(manifest.GetProperty("columns").EnumerateArray().Select(c => c.GetString()).ToArray(), "customer_name");
        Assert.Equal(customers.Select(c => PiiMask.Name(c.Name)).Order(), rows.Select(r => r[nameColumn]).Order());
        Assert.DoesNotContain(rows.SelectMany(r => r), field => customers.Any(c => field.Contains(c.Name, StringComparison.Ordinal)));

        var (summary, summaryRows) = await Manifests.ReadVerifiedAsync(storage, "reports/weekly/customer_consumption_summary/2027-05-31_2027-06-07/");
        Assert.Equal(3, summary.GetProperty("total_rows").GetInt64());
        Assert.All(summaryRows, row => Assert.Equal("12.50", row[3]));

        var folders = Directory.GetDirectories(Path.Combine(api.LocalBucketRoot, bucket), "*", SearchOption.AllDirectories);
        Assert.DoesNotContain(folders, f => Path.GetFileName(f).StartsWith(".incoming", StringComparison.Ordinal) && Directory.EnumerateFileSystemEntries(f).Any());

        using var later = api.Partner(partner);
        var delivered = await ProblemAssert.IsSuccess(await later.GetAsync("/v2/partners/subscriptions/deliveries?content=customer_information&status=delivered"));
        var deliveryId = delivered.GetProperty("deliveries")[0].GetProperty("id").GetGuid();
        Assert.Equal(5, delivered.GetProperty("deliveries")[0].GetProperty("row_count").GetInt64());
        var downloaded = await later.GetAsync($"/v2/partners/subscriptions/deliveries/{deliveryId}/manifest");
        Assert.Equal(HttpStatusCode.OK, downloaded.StatusCode);
        await using var inBucket = (await storage.OpenReadAsync("reports/weekly/customer_information/2027-05-31_2027-06-07/manifest.json", CancellationToken.None))!;
        Assert.Equal(await new StreamReader(inBucket).ReadToEndAsync(), await downloaded.Content.ReadAsStringAsync());

        var events = await api.OutboxEventsAsync<SubscriptionFileDelivered>(partner);
        Assert.Equal(2, events.Count);
    }

    [Fact]
    public async Task Running_again_or_on_many_instances_never_duplicates_a_delivery()
    {
        api.Clock.SetUtcNow(WednesdayLastMinute);
        var partner = Guid.NewGuid();
        await Data.CustomersAsync(api, partner, 3, WednesdayLastMinute);
        var bucket = api.NewLocalBucket();
        await api.SubscribeAsync(partner, bucket, ["customer_information", "new_customer_tags", "performance"]);

        api.Clock.SetUtcNow(PeriodEnd);
        await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Task.Run(api.RunDueDeliveriesAsync)));
        await api.RunDueDeliveriesAsync();

        await using (var db = api.Db())
        {
            var deliveries = await db.Deliveries.Where(d => d.PartnerId == partner).ToListAsync();
            var firstPeriod = deliveries.Where(d => d.Period == "2027-05-31/2027-06-07").ToList();
            Assert.Equal(3, firstPeriod.Count);
            Assert.All(firstPeriod, d => Assert.Equal((DeliveryStatus.Delivered, 1), (d.Status, d.Runs)));
            var next = deliveries.Where(d => d.Period == "2027-06-07/2027-06-14").ToList();
            Assert.Equal(3, next.Count);
            Assert.All(next, d => Assert.Equal(DeliveryStatus.Pending, d.Status));
        }

        Assert.Equal(3, (await api.OutboxEventsAsync<SubscriptionFileDelivered>(partner)).Count);
    }

    [Fact]
    public async Task A_redelivery_on_demand_rewrites_the_same_folder_and_only_one_of_racing_requests_wins()
    {
        api.Clock.SetUtcNow(WednesdayLastMinute);
        var partner = Guid.NewGuid();
        await Data.CustomersAsync(api, partner, 3, WednesdayLastMinute);
        var bucket = api.NewLocalBucket();
        await api.SubscribeAsync(partner, bucket, ["customer_information"]);
        using var client = api.Partner(partner);
        var deliveryId = (await ProblemAssert.IsSuccess(await client.GetAsync("/v2/partners/subscriptions/deliveries")))
            .GetProperty("deliveries")[0].GetProperty("id").GetGuid();

        var early = await client.PostAsync($"/v2/partners/subscriptions/deliveries/{deliveryId}/redeliveries", null);
        await ProblemAssert.IsProblem(early, HttpStatusCode.Conflict, "CBC.99009010");
        await ProblemAssert.IsProblem(
            await client.GetAsync($"/v2/partners/subscriptions/deliveries/{deliveryId}/manifest"), HttpStatusCode.Conflict, "CBC.99009011");

        api.Clock.SetUtcNow(PeriodEnd);
        await api.RunDueDeliveriesAsync();
        await Data.CustomersAsync(api, partner, 4, PeriodEnd);

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(async _ =>
        {
            using var racer = api.Partner(partner);
            return await racer.PostAsync($"/v2/partners/subscriptions/deliveries/{deliveryId}/redeliveries", null);
        }));
        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Accepted);
        foreach (var lost in responses.Where(r => r.StatusCode != HttpStatusCode.Accepted))
        {
            await ProblemAssert.IsProblem(lost, HttpStatusCode.Conflict, "CBC.99009010");
        }

        await api.RunDueDeliveriesAsync();
        var (manifest, rows) = await Manifests.ReadVerifiedAsync(api.OpenBucket(BucketKind.Local, bucket), $"customer_information/2027-05-31_2027-06-07/");
        Assert.Equal(2, manifest.GetProperty("run").GetInt32());
        Assert.Equal(7, rows.Count);

        using var later = api.Partner(partner);
        var delivery = await ProblemAssert.IsSuccess(await later.GetAsync($"/v2/partners/subscriptions/deliveries/{deliveryId}"));
        Assert.Equal(2, delivery.GetProperty("runs").GetInt32());
        await using var db = api.Db();
        Assert.Equal(1, await db.Deliveries.CountAsync(d => d.PartnerId == partner && d.Period == "2027-05-31/2027-06-07"));
    }

    private async Task AssertStatusesAsync(Guid partner, params DeliveryStatus[] statuses)
    {
        await using var db = api.Db();
        var actual = await db.Deliveries.Where(d => d.PartnerId == partner).Select(d => d.Status).ToListAsync();
        Assert.Equal(statuses.Order(), actual.Order());
    }
}

using System.Net;
using System.Net.Http.Json;
using Amazon.S3.Model;
using Microsoft.EntityFrameworkCore;
using PartnerPlatform.Contracts.SubscriptionFiles;
using PartnerPlatform.Testing;
using SubscriptionFiles.Api.Domain;
using SubscriptionFiles.Tests.Support;

namespace SubscriptionFiles.Tests;

/// <summary>The S3 adapter against a real S3-compatible server (s3rver) on a loopback port.</summary>
public sealed class S3DeliveryTests(S3SubscriptionFilesApiFactory api) : IClassFixture<S3SubscriptionFilesApiFactory>
{
    private static readonly DateTimeOffset Subscribed = DateTimeOffset.Parse("2027-06-02T10:00:00+08:00").ToUniversalTime();
    private static readonly DateTimeOffset PeriodEnd = DateTimeOffset.Parse("2027-06-07T00:00:00+08:00").ToUniversalTime();

    [Fact]
    public async Task A_partner_gets_its_first_delivery_in_an_S3_bucket_with_a_valid_manifest()
    {
        api.Clock.SetUtcNow(Subscribed);
        var partner = Guid.NewGuid();
        var customers = await Data.CustomersAsync(api, partner, 3, Subscribed);
        var bucket = await NewS3BucketAsync();

        await api.SubscribeAsync(partner, bucket, ["customer_information"], kind: "s3", prefix: "partner-center");
        api.Clock.SetUtcNow(PeriodEnd);
        await api.RunDueDeliveriesAsync();

        var (manifest, rows) = await Manifests.ReadVerifiedAsync(
            api.OpenBucket(BucketKind.S3, bucket), "partner-center/customer_information/2027-05-31_2027-06-07/");
        Assert.Equal(2, manifest.GetProperty("files").GetArrayLength());
        Assert.Equal(customers.Select(c => c.Id.ToString()).Order(), rows.Select(r => r[0]).Order());

        using var s3 = api.S3!.CreateClient();
        var objects = await s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = bucket });
        Assert.Equal(
            ["manifest.json", "part-00001.csv", "part-00002.csv"],
            objects.S3Objects.Select(o => o.Key.Split('/')[^1]).Order());
    }

    [Fact]
    public async Task A_missing_S3_bucket_fails_the_write_probe()
    {
        api.Clock.SetUtcNow(Subscribed);
        using var client = api.Partner(Guid.NewGuid());
        var response = await client.PostAsJsonAsync(
            "/v2/partners/subscriptions", new { contents = new[] { "performance" }, bucket = new { kind = "s3", name = "no-such-bucket-" + Guid.NewGuid().ToString("N")[..8] } });
        await ProblemAssert.IsProblem(response, HttpStatusCode.BadRequest, "CBC.99009001");
    }

    [Fact]
    public async Task A_failing_bucket_is_retried_daily_five_times_with_a_notification_each_time_then_reported_failed()
    {
        api.Clock.SetUtcNow(Subscribed);
        var partner = Guid.NewGuid();
        var bucket = await NewS3BucketAsync();
        await api.SubscribeAsync(partner, bucket, ["performance"], kind: "s3");
        using (var s3 = api.S3!.CreateClient())
        {
            await s3.DeleteBucketAsync(bucket);
        }

        api.Clock.SetUtcNow(PeriodEnd);
        await api.RunDueDeliveriesAsync();
        Assert.Equal((DeliveryStatus.Retrying, 1), await FirstDeliveryAsync(partner));

        for (var retry = 1; retry <= 5; retry++)
        {
            api.Clock.Advance(TimeSpan.FromHours(23));
            await api.RunDueDeliveriesAsync();
            Assert.Equal(retry, (await FirstDeliveryAsync(partner)).FailedAttempts);
            api.Clock.Advance(TimeSpan.FromHours(1));
            await api.RunDueDeliveriesAsync();
        }

        Assert.Equal((DeliveryStatus.Failed, 6), await FirstDeliveryAsync(partner));
        api.Clock.Advance(TimeSpan.FromDays(3));
        await api.RunDueDeliveriesAsync();
        Assert.Equal((DeliveryStatus.Failed, 6), await FirstDeliveryAsync(partner));

        var notifications = await api.OutboxEventsAsync<SubscriptionFileDeliveryFailed>(partner);
        var firstPeriod = notifications.Where(n => n.GetProperty("period").GetString() == "2027-05-31/2027-06-07").ToList();
        Assert.Equal([1, 2, 3, 4, 5, 6], firstPeriod.Select(n => n.GetProperty("attempt").GetInt32()));
        Assert.Equal([true, true, true, true, true, false], firstPeriod.Select(n => n.GetProperty("willRetry").GetBoolean()));
    }

    private async Task<(DeliveryStatus Status, int FailedAttempts)> FirstDeliveryAsync(Guid partner)
    {
        await using var db = api.Db();
        var delivery = await db.Deliveries.SingleAsync(d => d.PartnerId == partner && d.Period == "2027-05-31/2027-06-07");
        return (delivery.Status, delivery.FailedAttempts);
    }

    private async Task<string> NewS3BucketAsync()
    {
        var name = "partner-" + Guid.NewGuid().ToString("N")[..12];
        using var s3 = api.S3!.CreateClient();
        await s3.PutBucketAsync(name);
        return name;
    }
}

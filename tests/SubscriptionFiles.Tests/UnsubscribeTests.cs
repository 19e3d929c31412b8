using System.Net;
using Microsoft.EntityFrameworkCore;
using PartnerPlatform.Contracts.SubscriptionFiles;
using PartnerPlatform.ServiceDefaults;
using PartnerPlatform.Testing;
using SubscriptionFiles.Api.Domain;
using SubscriptionFiles.Tests.Support;

namespace SubscriptionFiles.Tests;

/// <summary>A partner stops one content or a whole subscription: waiting deliveries are cancelled, delivered files stay.</summary>
public sealed class UnsubscribeTests(SubscriptionFilesApiFactory api) : IClassFixture<SubscriptionFilesApiFactory>
{
    /// <summary>Tuesday 2027-09-07 10:00 Beijing time; its week closes on Monday 2027-09-13 00:00.</summary>
    private static readonly DateTimeOffset Tuesday = DateTimeOffset.Parse("2027-09-07T10:00:00+08:00").ToUniversalTime();

    private static readonly DateTimeOffset PeriodEnd = DateTimeOffset.Parse("2027-09-13T00:00:00+08:00").ToUniversalTime();

    [Fact]
    public async Task Unsubscribing_one_content_cancels_its_waiting_delivery_and_keeps_the_others()
    {
        api.Clock.SetUtcNow(Tuesday);
        var partner = Guid.NewGuid();
        await Data.CustomersAsync(api, partner, 2, Tuesday);
        var bucket = api.NewLocalBucket();
        var subscriptionId = (await api.SubscribeAsync(partner, bucket, ["customer_information", "performance"])).GetProperty("id").GetGuid();
        using var client = api.Partner(partner);

        var response = await client.DeleteAsync($"/v2/partners/subscriptions/{subscriptionId}/contents/performance");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        var subscription = await ProblemAssert.IsSuccess(await client.GetAsync($"/v2/partners/subscriptions/{subscriptionId}"));
        Assert.Equal(["customer_information"], subscription.GetProperty("contents").EnumerateArray().Select(c => c.GetProperty("content").GetString()));
        var cancelled = await ProblemAssert.IsSuccess(await client.GetAsync("/v2/partners/subscriptions/deliveries?status=cancelled"));
        Assert.Equal("performance", Assert.Single(cancelled.GetProperty("deliveries").EnumerateArray()).GetProperty("content").GetString());

        api.Clock.SetUtcNow(PeriodEnd);
        await api.RunDueDeliveriesAsync();

        Assert.True(Directory.Exists(Path.Combine(api.LocalBucketRoot, bucket, "customer_information", "2027-09-06_2027-09-13")));
        Assert.False(Directory.Exists(Path.Combine(api.LocalBucketRoot, bucket, "performance")));
        await using (var db = api.Db())
        {
            var statuses = await db.Deliveries.Where(d => d.PartnerId == partner).Select(d => new { d.Content, d.Period, d.Status }).ToListAsync();
            Assert.Equal(
                [(Content.CustomerInformation, "2027-09-06/2027-09-13", DeliveryStatus.Delivered), (Content.CustomerInformation, "2027-09-13/2027-09-20", DeliveryStatus.Pending),
                    (Content.Performance, "2027-09-06/2027-09-13", DeliveryStatus.Cancelled)],
                statuses.Select(s => (s.Content, s.Period, s.Status)).Order());
        }

        var unsubscribed = Assert.Single(await api.OutboxEventsAsync<ContentsUnsubscribed>(partner));
        Assert.Equal(["performance"], unsubscribed.GetProperty("contents").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal(1, unsubscribed.GetProperty("cancelledDeliveries").GetInt32());
        Assert.False(unsubscribed.GetProperty("subscriptionEnded").GetBoolean());
    }

    [Fact]
    public async Task Unsubscribing_all_ends_the_subscription_keeps_delivered_files_and_refuses_their_redelivery()
    {
        api.Clock.SetUtcNow(Tuesday);
        var partner = Guid.NewGuid();
        await Data.CustomersAsync(api, partner, 2, Tuesday);
        var bucket = api.NewLocalBucket();
        var subscriptionId = (await api.SubscribeAsync(partner, bucket, ["customer_information", "new_customer_tags"])).GetProperty("id").GetGuid();
        api.Clock.SetUtcNow(PeriodEnd);
        await api.RunDueDeliveriesAsync();
        using var client = api.Partner(partner);
        var deliveredId = (await ProblemAssert.IsSuccess(await client.GetAsync("/v2/partners/subscriptions/deliveries?status=delivered&content=customer_information")))
            .GetProperty("deliveries")[0].GetProperty("id").GetGuid();

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/v2/partners/subscriptions/{subscriptionId}")).StatusCode);

        await ProblemAssert.IsProblem(await client.GetAsync($"/v2/partners/subscriptions/{subscriptionId}"), HttpStatusCode.NotFound, ErrorCodes.NotFound.Code);
        Assert.Equal(0, (await ProblemAssert.IsSuccess(await client.GetAsync("/v2/partners/subscriptions"))).GetProperty("total_count").GetInt32());
        await ProblemAssert.IsProblem(
            await client.PostAsync($"/v2/partners/subscriptions/deliveries/{deliveredId}/redeliveries", null), HttpStatusCode.Conflict, "CBC.99009012");
        var kept = await ProblemAssert.IsSuccess(await client.GetAsync($"/v2/partners/subscriptions/deliveries/{deliveredId}"));
        Assert.Equal("delivered", kept.GetProperty("status").GetString());
        Assert.True(File.Exists(Path.Combine(api.LocalBucketRoot, bucket, "customer_information", "2027-09-06_2027-09-13", "manifest.json")));

        api.Clock.SetUtcNow(PeriodEnd.AddDays(7));
        await api.RunDueDeliveriesAsync();
        var all = await ProblemAssert.IsSuccess(await client.GetAsync("/v2/partners/subscriptions/deliveries"));
        Assert.Equal(4, all.GetProperty("total_count").GetInt32());
        var next = await ProblemAssert.IsSuccess(await client.GetAsync("/v2/partners/subscriptions/deliveries?status=cancelled"));
        Assert.Equal(2, next.GetProperty("total_count").GetInt32());
        Assert.All(next.GetProperty("deliveries").EnumerateArray(), d => Assert.Equal("2027-09-13/2027-09-20", d.GetProperty("period").GetString()));

        var unsubscribed = Assert.Single(await api.OutboxEventsAsync<ContentsUnsubscribed>(partner));
        Assert.Equal(["customer_information", "new_customer_tags"], unsubscribed.GetProperty("contents").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal(2, unsubscribed.GetProperty("cancelledDeliveries").GetInt32());
        Assert.True(unsubscribed.GetProperty("subscriptionEnded").GetBoolean());
    }

    [Fact]
    public async Task Of_racing_unsubscriptions_of_one_content_exactly_one_succeeds()
    {
        api.Clock.SetUtcNow(Tuesday);
        var partner = Guid.NewGuid();
        var subscriptionId = (await api.SubscribeAsync(partner, api.NewLocalBucket(), ["performance", "estimated_incentives"])).GetProperty("id").GetGuid();

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(async _ =>
        {
            using var racer = api.Partner(partner);
            return await racer.DeleteAsync($"/v2/partners/subscriptions/{subscriptionId}/contents/performance");
        }));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.NoContent);
        foreach (var lost in responses.Where(r => r.StatusCode != HttpStatusCode.NoContent))
        {
            await ProblemAssert.IsProblem(lost, HttpStatusCode.NotFound, ErrorCodes.NotFound.Code);
        }

        Assert.Single(await api.OutboxEventsAsync<ContentsUnsubscribed>(partner));
    }

    [Fact]
    public async Task A_content_subscribed_again_within_the_period_is_delivered_once()
    {
        api.Clock.SetUtcNow(Tuesday);
        var partner = Guid.NewGuid();
        await Data.CustomersAsync(api, partner, 3, Tuesday);
        var bucket = api.NewLocalBucket();
        var first = (await api.SubscribeAsync(partner, bucket, ["customer_information"])).GetProperty("id").GetGuid();
        using var client = api.Partner(partner);
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/v2/partners/subscriptions/{first}")).StatusCode);

        var again = (await api.SubscribeAsync(partner, bucket, ["customer_information"])).GetProperty("id").GetGuid();
        api.Clock.SetUtcNow(PeriodEnd);
        await api.RunDueDeliveriesAsync();

        await using var db = api.Db();
        var delivery = await db.Deliveries.SingleAsync(d => d.PartnerId == partner && d.Period == "2027-09-06/2027-09-13");
        Assert.Equal((again, DeliveryStatus.Delivered, 1), (delivery.SubscriptionId, delivery.Status, delivery.Runs));
        var (_, rows) = await Manifests.ReadVerifiedAsync(api.OpenBucket(BucketKind.Local, bucket), "customer_information/2027-09-06_2027-09-13/");
        Assert.Equal(3, rows.Count);
    }

    [Fact]
    public async Task An_unknown_content_is_refused_and_a_content_not_subscribed_answers_404()
    {
        api.Clock.SetUtcNow(Tuesday);
        var partner = Guid.NewGuid();
        var subscriptionId = (await api.SubscribeAsync(partner, api.NewLocalBucket(), ["performance"])).GetProperty("id").GetGuid();
        using var client = api.Partner(partner);

        await ProblemAssert.IsProblem(
            await client.DeleteAsync($"/v2/partners/subscriptions/{subscriptionId}/contents/salaries"), HttpStatusCode.BadRequest, ErrorCodes.InvalidParameter.Code);
        await ProblemAssert.IsProblem(
            await client.DeleteAsync($"/v2/partners/subscriptions/{subscriptionId}/contents/estimated_incentives"), HttpStatusCode.NotFound, ErrorCodes.NotFound.Code);
        var subscription = await ProblemAssert.IsSuccess(await client.GetAsync($"/v2/partners/subscriptions/{subscriptionId}"));
        Assert.Equal(1, subscription.GetProperty("contents").GetArrayLength());
    }
}

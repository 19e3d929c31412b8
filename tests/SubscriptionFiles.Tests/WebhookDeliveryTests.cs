using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartnerPlatform.Contracts.Coupons;
using PartnerPlatform.Contracts.Identity;
using PartnerPlatform.Contracts.SubscriptionFiles;
using PartnerPlatform.Testing;
using SubscriptionFiles.Api.Application;
using SubscriptionFiles.Api.Domain;
using SubscriptionFiles.Tests.Support;

namespace SubscriptionFiles.Tests;

/// <summary>Events reach partners' own systems: real receivers on loopback, real broker and database.</summary>
public sealed class WebhookDeliveryTests(WebhooksApiFactory api) : IClassFixture<WebhooksApiFactory>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task An_event_for_a_partner_reaches_its_endpoint_with_a_valid_signature()
    {
        var partner = Guid.NewGuid();
        var other = Guid.NewGuid();
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var otherReceiver = await WebhookReceiver.StartAsync();
        var (webhookId, secret) = await api.RegisterWebhookAsync(partner, receiver.Url, "CustomerAssociated");
        await api.RegisterWebhookAsync(other, otherReceiver.Url, "CustomerAssociated");
        var customer = Guid.NewGuid();
        var eventId = Guid.NewGuid();

        await api.PublishAsync(new CustomerAssociated(partner, customer, "reseller", null, api.Clock.GetUtcNow()), eventId);

        await Eventually.HoldsAsync(() => receiver.Received.Count == 1, Wait, "the receiver got the event");
        var webhook = receiver.Received[0];
        Assert.True(WebhookReceiver.SignedBy(webhook, secret), webhook.Signature);
        Assert.False(WebhookReceiver.SignedBy(webhook, "whsec_another"));
        Assert.False(WebhookReceiver.SignedBy(webhook with { Body = webhook.Body.Replace("reseller", "direct", StringComparison.Ordinal) }, secret));
        Assert.Equal(eventId.ToString(), webhook.EventId);
        Assert.Equal("CustomerAssociated", webhook.EventType);
        Assert.InRange(webhook.Timestamp, api.Clock.GetUtcNow().AddMinutes(-1).ToUnixTimeSeconds(), api.Clock.GetUtcNow().ToUnixTimeSeconds());
        var body = JsonDocument.Parse(webhook.Body).RootElement;
        Assert.Equal(eventId, body.GetProperty("id").GetGuid());
        Assert.Equal("CustomerAssociated", body.GetProperty("type").GetString());
        Assert.Equal(partner, body.GetProperty("partner_id").GetGuid());
        Assert.Equal(customer, body.GetProperty("data").GetProperty("customer_id").GetGuid());

        await Eventually.HoldsAsync(
            async () => (await api.DeliveriesAsync(partner, webhookId)).GetProperty("deliveries")[0].GetProperty("status").GetString() == "delivered",
            Wait, "the delivery is recorded as delivered");
        Assert.Empty(otherReceiver.Received);
    }

    [Fact]
    public async Task A_receiver_that_fails_twice_then_accepts_gets_the_event_exactly_once_more()
    {
        var partner = Guid.NewGuid();
        await using var receiver = await WebhookReceiver.StartAsync(500, 503, 200);
        var (webhookId, _) = await api.RegisterWebhookAsync(partner, receiver.Url, "CouponIssued");
        var eventId = Guid.NewGuid();
        var now = api.Clock.GetUtcNow();

        await api.PublishAsync(
            new CouponIssued(Guid.NewGuid(), "voucher", null, partner, null, Guid.NewGuid(), 100m, "CNY", now, now.AddDays(30), now), eventId);

        await Eventually.HoldsAsync(() => receiver.Received.Count >= 3, Wait, "three attempts reached the receiver");
        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.Equal(3, receiver.Received.Count);
        Assert.All(receiver.Received, r => Assert.Equal(eventId.ToString(), r.EventId));
        Assert.Single(receiver.Received.Select(r => r.DeliveryId).Distinct());

        var delivery = (await api.DeliveriesAsync(partner, webhookId)).GetProperty("deliveries")[0];
        Assert.Equal("delivered", delivery.GetProperty("status").GetString());
        Assert.Equal(3, delivery.GetProperty("attempts").GetInt32());
        using var client = api.Partner(partner);
        var attempts = (await ProblemAssert.IsSuccess(
            await client.GetAsync($"/v2/partners/webhooks/{webhookId}/deliveries/{delivery.GetProperty("id").GetGuid()}/attempts"))).GetProperty("attempts");
        Assert.Equal([500, 503, 200], attempts.EnumerateArray().Select(a => a.GetProperty("status_code").GetInt32()));
        Assert.Equal([false, false, true], attempts.EnumerateArray().Select(a => a.GetProperty("succeeded").GetBoolean()));
        Assert.Equal("receiver says no (500)", attempts[0].GetProperty("response_excerpt").GetString());
        Assert.Equal("The endpoint answered 503.", attempts[1].GetProperty("error").GetString());
        Assert.True(attempts[1].GetProperty("attempted_at").GetDateTimeOffset() > attempts[0].GetProperty("attempted_at").GetDateTimeOffset());
    }

    [Fact]
    public async Task A_redelivered_event_fans_out_once_per_endpoint()
    {
        var partner = Guid.NewGuid();
        await using var first = await WebhookReceiver.StartAsync();
        await using var second = await WebhookReceiver.StartAsync();
        await api.RegisterWebhookAsync(partner, first.Url, "CustomerCreated");
        await api.RegisterWebhookAsync(partner, second.Url, "CustomerCreated", "CustomerAssociated");
        var eventId = Guid.NewGuid();
        var created = new CustomerCreated(Guid.NewGuid(), partner, null, "Acme", "reseller", api.Clock.GetUtcNow());

        await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => api.PublishAsync(created, eventId)));

        await Eventually.HoldsAsync(() => first.Received.Count == 1 && second.Received.Count == 1, Wait, "each endpoint got the event");
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Single(first.Received);
        Assert.Single(second.Received);
        await using var db = api.Db();
        Assert.Equal(2, await db.WebhookDeliveries.CountAsync(d => d.EventId == eventId));
    }

    [Fact]
    public async Task A_replay_delivers_the_event_again_with_the_same_event_id()
    {
        var partner = Guid.NewGuid();
        await using var receiver = await WebhookReceiver.StartAsync();
        var (webhookId, secret) = await api.RegisterWebhookAsync(partner, receiver.Url, "CustomerDisassociated");
        var eventId = Guid.NewGuid();
        await api.PublishAsync(new CustomerDisassociated(partner, Guid.NewGuid(), null, "partner", api.Clock.GetUtcNow()), eventId);
        await Eventually.HoldsAsync(
            async () => (await api.DeliveriesAsync(partner, webhookId)).GetProperty("deliveries") is { } d && d.GetArrayLength() == 1
                && d[0].GetProperty("status").GetString() == "delivered",
            Wait, "the event was delivered");
        var deliveryId = (await api.DeliveriesAsync(partner, webhookId)).GetProperty("deliveries")[0].GetProperty("id").GetGuid();

        using var client = api.Partner(partner);
        var replay = await ProblemAssert.IsSuccess(
            await client.PostAsync($"/v2/partners/webhooks/{webhookId}/deliveries/{deliveryId}/replay", null), HttpStatusCode.Accepted);

        Assert.Equal(deliveryId, replay.GetProperty("replay_of").GetGuid());
        await Eventually.HoldsAsync(() => receiver.Received.Count == 2, Wait, "the replay reached the receiver");
        Assert.All(receiver.Received, r => Assert.Equal(eventId.ToString(), r.EventId));
        Assert.Equal(receiver.Received[0].Body, receiver.Received[1].Body);
        Assert.NotEqual(receiver.Received[0].DeliveryId, receiver.Received[1].DeliveryId);
        Assert.True(WebhookReceiver.SignedBy(receiver.Received[1], secret));
        var audit = await ProblemAssert.IsSuccess(await client.GetAsync("/v2/partners/webhooks/audit"));
        Assert.Equal(["replayed", "created"], audit.GetProperty("entries").EnumerateArray().Select(e => e.GetProperty("action").GetString()));
    }

    [Fact]
    public async Task A_pending_delivery_cannot_be_replayed()
    {
        var partner = Guid.NewGuid();
        await using var receiver = await WebhookReceiver.StartAsync();
        var (webhookId, _) = await api.RegisterWebhookAsync(partner, receiver.Url, "CustomerCreated");
        using var client = api.Partner(partner);
        await ProblemAssert.IsSuccess(await client.PatchAsJsonAsync($"/v2/partners/webhooks/{webhookId}", new { enabled = false }));
        var deliveryId = await InsertDeliveryAsync(partner, webhookId);

        var response = await client.PostAsync($"/v2/partners/webhooks/{webhookId}/deliveries/{deliveryId}/replay", null);

        await ProblemAssert.IsProblem(response, HttpStatusCode.Conflict, "CBC.99009036");
        await Task.Delay(500);
        Assert.Empty(receiver.Received);
    }

    [Fact]
    public async Task An_endpoint_is_paused_after_repeated_failed_deliveries_and_resumed_by_enabling_it()
    {
        var partner = Guid.NewGuid();
        await using var receiver = await WebhookReceiver.StartAsync(500);
        var (webhookId, _) = await api.RegisterWebhookAsync(partner, receiver.Url, "AccountManagerAssigned");
        using var client = api.Partner(partner);

        for (var i = 0; i < WebhooksApiFactory.PauseAfter; i++)
        {
            var attemptsBefore = receiver.Received.Count;
            await api.PublishAsync(new AccountManagerAssigned(partner, Guid.NewGuid(), Guid.NewGuid(), api.Clock.GetUtcNow()));
            await Eventually.HoldsAsync(() => receiver.Received.Count > attemptsBefore, Wait, $"delivery {i + 1} was attempted");

            // Past the 24-hour retry window: the next attempt is the last.
            api.Clock.Advance(TimeSpan.FromHours(25));
            await Eventually.HoldsAsync(
                async () =>
                {
                    await using var db = api.Db();
                    return await db.WebhookDeliveries.CountAsync(d => d.EndpointId == webhookId && d.Status == WebhookDeliveryStatus.Failed) == i + 1;
                },
                Wait, $"delivery {i + 1} failed");
        }

        var paused = await ProblemAssert.IsSuccess(await client.GetAsync($"/v2/partners/webhooks/{webhookId}"));
        Assert.Equal("paused", paused.GetProperty("state").GetString());
        Assert.Contains("3 deliveries in a row failed", paused.GetProperty("paused_reason").GetString(), StringComparison.Ordinal);
        var notice = Assert.Single(await api.OutboxEventsAsync<WebhookEndpointPaused>(partner));
        Assert.Equal(webhookId, notice.GetProperty("endpointId").GetGuid());
        Assert.Equal(WebhooksApiFactory.PauseAfter, notice.GetProperty("failedDeliveries").GetInt32());

        var attemptsWhilePaused = receiver.Received.Count;
        await api.PublishAsync(new AccountManagerAssigned(partner, Guid.NewGuid(), Guid.NewGuid(), api.Clock.GetUtcNow()));
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Equal(attemptsWhilePaused, receiver.Received.Count);

        var resumed = await ProblemAssert.IsSuccess(await client.PatchAsJsonAsync($"/v2/partners/webhooks/{webhookId}", new { enabled = true }));
        Assert.Equal("active", resumed.GetProperty("state").GetString());
        Assert.Equal(0, resumed.GetProperty("consecutive_failed_deliveries").GetInt32());
        await api.PublishAsync(new AccountManagerAssigned(partner, Guid.NewGuid(), Guid.NewGuid(), api.Clock.GetUtcNow()));
        await Eventually.HoldsAsync(() => receiver.Received.Count > attemptsWhilePaused, Wait, "the resumed endpoint receives again");
    }

    [Fact]
    public async Task During_a_rotation_overlap_a_receiver_with_either_secret_verifies_and_after_it_only_the_new_one()
    {
        var partner = Guid.NewGuid();
        await using var receiver = await WebhookReceiver.StartAsync();
        var (webhookId, oldSecret) = await api.RegisterWebhookAsync(partner, receiver.Url, "CouponExpired");
        using var client = api.Partner(partner);
        var rotated = await ProblemAssert.IsSuccess(await client.PostAsync($"/v2/partners/webhooks/{webhookId}/secret/rotate", null));
        var newSecret = rotated.GetProperty("secret").GetString()!;
        Assert.NotEqual(oldSecret, newSecret);
        Assert.False((await ProblemAssert.IsSuccess(await client.GetAsync($"/v2/partners/webhooks/{webhookId}"))).TryGetProperty("secret", out var shown)
            && shown.ValueKind == JsonValueKind.String);

        await api.PublishAsync(new CouponExpired(Guid.NewGuid(), partner, Guid.NewGuid(), 10m, "CNY", api.Clock.GetUtcNow()));
        await Eventually.HoldsAsync(() => receiver.Received.Count == 1, Wait, "the event during the overlap arrived");
        Assert.True(WebhookReceiver.SignedBy(receiver.Received[0], oldSecret), "a receiver still holding the old secret verifies");
        Assert.True(WebhookReceiver.SignedBy(receiver.Received[0], newSecret), "a receiver already holding the new secret verifies");

        api.Clock.Advance(TimeSpan.FromHours(24) + TimeSpan.FromMinutes(1));
        await api.PublishAsync(new CouponExpired(Guid.NewGuid(), partner, Guid.NewGuid(), 10m, "CNY", api.Clock.GetUtcNow()));
        await Eventually.HoldsAsync(() => receiver.Received.Count == 2, Wait, "the event after the overlap arrived");
        Assert.False(WebhookReceiver.SignedBy(receiver.Received[1], oldSecret), "the old secret no longer signs");
        Assert.True(WebhookReceiver.SignedBy(receiver.Received[1], newSecret));
    }

    [Fact]
    public async Task Four_racing_senders_send_each_delivery_once()
    {
        var partner = Guid.NewGuid();
        await using var receiver = await WebhookReceiver.StartAsync(TimeSpan.FromMilliseconds(30), 200);
        var (webhookId, _) = await api.RegisterWebhookAsync(partner, receiver.Url, "CustomerCreated");
        using var client = api.Partner(partner);
        await ProblemAssert.IsSuccess(await client.PatchAsJsonAsync($"/v2/partners/webhooks/{webhookId}", new { enabled = false }));
        var ids = new List<Guid>();
        for (var i = 0; i < 60; i++)
        {
            ids.Add(await InsertDeliveryAsync(partner, webhookId));
        }

        await ProblemAssert.IsSuccess(await client.PatchAsJsonAsync($"/v2/partners/webhooks/{webhookId}", new { enabled = true }));
        var senders = Enumerable.Range(0, 4).Select(_ => ActivatorUtilities.CreateInstance<WebhookSender>(api.Services)).ToList();
        var sent = await Task.WhenAll(senders.Select(s => Task.Run(() => s.SendDueAsync(CancellationToken.None))));

        await Eventually.HoldsAsync(() => receiver.Received.Count >= ids.Count, Wait, "every delivery arrived");
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Equal(ids.Count, receiver.Received.Count);
        Assert.Equal(ids.Order(), receiver.Received.Select(r => Guid.Parse(r.DeliveryId)).Order());
        Assert.True(sent.Count(n => n > 0) >= 2, $"senders sent {string.Join(", ", sent)}: the race needs at least two of them");
        await using var db = api.Db();
        Assert.Equal(ids.Count, await db.WebhookAttempts.CountAsync(a => ids.Contains(a.DeliveryId)));
    }

    [Fact]
    public async Task A_redirect_is_not_followed()
    {
        var partner = Guid.NewGuid();
        await using var receiver = await WebhookReceiver.StartAsync(302);
        var (webhookId, _) = await api.RegisterWebhookAsync(partner, receiver.Url, "CustomerCreated");
        using var client = api.Partner(partner);

        await api.PublishAsync(new CustomerCreated(Guid.NewGuid(), partner, null, "Acme", "reseller", api.Clock.GetUtcNow()));

        await Eventually.HoldsAsync(() => receiver.Received.Count >= 1, Wait, "the first attempt arrived");
        await using var db = api.Db();
        await Eventually.HoldsAsync(() => db.WebhookAttempts.AnyAsync(a => a.PartnerId == partner), Wait, "the attempt is logged");
        Assert.All(receiver.Received, r => Assert.Equal("/hooks", r.Path));
        var attempt = await db.WebhookAttempts.Where(a => a.PartnerId == partner).OrderBy(a => a.Id).FirstAsync();
        Assert.Equal(302, attempt.StatusCode);
        Assert.False(attempt.Succeeded);
        await ProblemAssert.IsSuccess(await client.DeleteAsync($"/v2/partners/webhooks/{webhookId}"), HttpStatusCode.NoContent);
    }

    private async Task<Guid> InsertDeliveryAsync(Guid partner, Guid webhookId)
    {
        var id = Guid.NewGuid();
        var eventId = Guid.NewGuid();
        await using var db = api.Db();
        db.WebhookDeliveries.Add(new WebhookDelivery
        {
            Id = id,
            EndpointId = webhookId,
            PartnerId = partner,
            EventId = eventId,
            EventType = "CustomerCreated",
            Body = JsonSerializer.Serialize(new { id = eventId, type = "CustomerCreated" }),
            Status = WebhookDeliveryStatus.Pending,
            NextAttemptAt = api.Clock.GetUtcNow().AddSeconds(-1),
            CreatedAt = api.Clock.GetUtcNow(),
        });
        await db.SaveChangesAsync();
        return id;
    }
}

using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PartnerPlatform.Messaging.Inbox;
using PartnerPlatform.Messaging.Outbox;
using PartnerPlatform.Messaging.Tests.Support;

namespace PartnerPlatform.Messaging.Tests;

public sealed class ErrorQueueTests(MessagingFixture fixture) : IClassFixture<MessagingFixture>, IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
    private ShopHost _shop = null!;

    public async Task InitializeAsync() =>
        _shop = await ShopHost.StartAsync(
            fixture.Database.ConnectionString,
            fixture.Broker.ConnectionUri,
            bus =>
            {
                bus.AddConsumer<OrderPlacedConsumer>();
                bus.AddConsumer<PaymentRejectedConsumer>();
                bus.AddConsumer<PaymentRejectedFaultConsumer>();
            });

    public async Task DisposeAsync() => await _shop.DisposeAsync();

    [Fact]
    public async Task A_consumer_that_keeps_throwing_is_retried_then_its_message_waits_in_the_error_queue_and_nothing_else_is_lost()
    {
        var failing = Guid.NewGuid();
        var good = Enumerable.Range(0, 20).Select(_ => Guid.NewGuid()).ToArray();
        await _shop.InScopeAsync(async (db, outbox) =>
        {
            foreach (var orderId in good.Take(10))
            {
                outbox.Add(new OrderPlaced(orderId, 0, DateTimeOffset.UtcNow));
            }

            outbox.Add(new PaymentRejected(failing, DateTimeOffset.UtcNow));
            foreach (var orderId in good.Skip(10))
            {
                outbox.Add(new OrderPlaced(orderId, 0, DateTimeOffset.UtcNow));
            }

            await db.SaveChangesAsync();
        });

        await Eventually.HoldsAsync(
            async () => await fixture.Broker.CountMessagesAsync("shop-payment-rejected_error") == 1, Timeout, "the message in the error queue");

        // One first attempt plus the three retry intervals configured by ShopHost.
        Assert.Equal(4, _shop.Probe.Attempts[failing]);
        // The management API's counts are samples each queue emits on its own timer: the error queue's
        // newer sample may already show the message while the source queue's older one still counts it
        // as unacknowledged. So the source queue must become empty, not be empty in the same instant.
        await Eventually.HoldsAsync(
            async () => await fixture.Broker.CountMessagesAsync("shop-payment-rejected") == 0, Timeout, "the source queue empty");
        Assert.Equal(0, await _shop.QueryAsync(db => db.Effects.CountAsync(e => e.OrderId == failing)));
        Assert.Equal(0, await _shop.QueryAsync(db => db.Set<InboxMessage>().CountAsync(m => m.Consumer.EndsWith(nameof(PaymentRejectedConsumer)))));
        await Eventually.HoldsAsync(
            () => _shop.QueryAsync(db => db.Effects.CountAsync(e => good.Contains(e.OrderId))).ContinueWith(t => t.Result == good.Length),
            Timeout,
            "every other event's effect");
        await Eventually.HoldsAsync(() => _shop.Probe.Faults.Any(f => f.Message.OrderId == failing), Timeout, "the Fault<PaymentRejected> event");
        var fault = _shop.Probe.Faults.Single(f => f.Message.OrderId == failing);
        Assert.Contains("cannot be handled", fault.Exceptions.Single().Message, StringComparison.Ordinal);

        var vhost = Uri.EscapeDataString(fixture.Broker.VirtualHost);
        var errorQueue = await fixture.Broker.Management.GetFromJsonAsync<JsonElement>($"api/queues/{vhost}/shop-payment-rejected_error");
        Assert.Equal("quorum", errorQueue.GetProperty("type").GetString());
        var errorMessage = await PeekAsync("shop-payment-rejected_error");
        var headers = errorMessage.GetProperty("properties").GetProperty("headers");
        Assert.Equal("System.InvalidOperationException", headers.GetProperty("MT-Fault-ExceptionType").GetString());
        Assert.Contains("cannot be handled", headers.GetProperty("MT-Fault-Message").GetString(), StringComparison.Ordinal);
        Assert.Equal("fault", headers.GetProperty("MT-Reason").GetString());
        Assert.Contains(failing.ToString(), errorMessage.GetProperty("payload").GetString(), StringComparison.Ordinal);
        // The message id on the wire is the outbox row's id: that is what makes a redelivery recognisable.
        var rowId = await _shop.QueryAsync(db => db.Set<OutboxMessage>()
            .FromSqlInterpolated($"SELECT * FROM outbox_messages WHERE payload ->> 'orderId' = {failing.ToString()}")
            .Select(m => m.Id)
            .SingleAsync());
        Assert.Equal(rowId.ToString(), errorMessage.GetProperty("properties").GetProperty("message_id").GetString());
    }

    /// <summary>Reads the first message of a queue through the management API and puts it back.</summary>
    private async Task<JsonElement> PeekAsync(string queue)
    {
        var vhost = Uri.EscapeDataString(fixture.Broker.VirtualHost);
        using var response = await fixture.Broker.Management.PostAsJsonAsync(
            $"api/queues/{vhost}/{Uri.EscapeDataString(queue)}/get",
            new { count = 1, ackmode = "ack_requeue_true", encoding = "auto", truncate = 50000 });
        response.EnsureSuccessStatusCode();
        var messages = await response.Content.ReadFromJsonAsync<JsonElement>();
        return messages.EnumerateArray().Single();
    }
}

using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartnerPlatform.Messaging.Inbox;
using PartnerPlatform.Messaging.Tests.Support;

namespace PartnerPlatform.Messaging.Tests;

public sealed class InboxTests(MessagingFixture fixture) : IClassFixture<MessagingFixture>, IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);
    private ShopHost _shop = null!;

    public async Task InitializeAsync() =>
        _shop = await ShopHost.StartAsync(
            fixture.Database.ConnectionString, fixture.Broker.ConnectionUri, bus => bus.AddConsumer<OrderPlacedConsumer>());

    public async Task DisposeAsync() => await _shop.DisposeAsync();

    [Fact]
    public async Task The_same_message_delivered_twice_has_its_effect_once()
    {
        var orderId = Guid.NewGuid();
        var messageId = Guid.NewGuid();
        var bus = _shop.Services.GetRequiredService<IBus>();

        await PublishAsync(bus, orderId, messageId);
        await Eventually.HoldsAsync(() => EffectsAsync(orderId).ContinueWith(t => t.Result == 1), Timeout, "the first delivery's effect");
        await PublishAsync(bus, orderId, messageId);
        await Eventually.HoldsAsync(() => _shop.Metrics.Sum("messaging.inbox.duplicates_skipped") >= 1, Timeout, "the second delivery");

        Assert.Equal(1, await EffectsAsync(orderId));
        Assert.Equal(1, await _shop.QueryAsync(db => db.Set<InboxMessage>().CountAsync(m => m.MessageId == messageId)));
    }

    [Fact]
    public async Task Ten_racing_deliveries_of_one_message_have_its_effect_once()
    {
        var orderId = Guid.NewGuid();
        var messageId = Guid.NewGuid();
        var bus = _shop.Services.GetRequiredService<IBus>();
        var skippedBefore = _shop.Metrics.Sum("messaging.inbox.duplicates_skipped");

        // Prefetch lets the endpoint run these at the same time: the inbox row lock decides.
        await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => PublishAsync(bus, orderId, messageId)));

        await Eventually.HoldsAsync(
            () => _shop.Metrics.Sum("messaging.inbox.duplicates_skipped") - skippedBefore >= 9, Timeout, "nine duplicates skipped");
        Assert.Equal(1, await EffectsAsync(orderId));
    }

    [Fact]
    public async Task Different_messages_with_equal_content_each_have_their_effect()
    {
        var orderId = Guid.NewGuid();
        var bus = _shop.Services.GetRequiredService<IBus>();

        await PublishAsync(bus, orderId, Guid.NewGuid());
        await PublishAsync(bus, orderId, Guid.NewGuid());

        await Eventually.HoldsAsync(() => EffectsAsync(orderId).ContinueWith(t => t.Result == 2), Timeout, "both effects");
    }

    private static Task PublishAsync(IBus bus, Guid orderId, Guid messageId) =>
        bus.Publish(new OrderPlaced(orderId, 0, DateTimeOffset.UtcNow), context => context.MessageId = messageId);

    private Task<int> EffectsAsync(Guid orderId) => _shop.QueryAsync(db => db.Effects.CountAsync(e => e.OrderId == orderId));
}

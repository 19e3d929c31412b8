using Microsoft.EntityFrameworkCore;
using PartnerPlatform.Messaging.Outbox;
using PartnerPlatform.Messaging.Tests.Support;

namespace PartnerPlatform.Messaging.Tests;

public sealed class RelayConcurrencyTests(MessagingFixture fixture) : IClassFixture<MessagingFixture>
{
    [Fact]
    public async Task Two_relays_on_one_outbox_under_load_publish_every_event_once_and_every_effect_happens_once()
    {
        const int writers = 8;
        const int eventsPerWriter = 200;
        // Small batches make the two relays interleave many times.
        await using var first = await StartAsync();
        await using var second = await StartAsync();

        await Task.WhenAll(Enumerable.Range(0, writers).Select(writer => Task.Run(async () =>
        {
            var shop = writer % 2 == 0 ? first : second;
            for (var i = 0; i < eventsPerWriter; i++)
            {
                await shop.PlaceOrderAsync(Guid.NewGuid(), (writer * eventsPerWriter) + i);
            }
        })));

        const int total = writers * eventsPerWriter;
        await Eventually.HoldsAsync(
            () => first.QueryAsync(db => db.Effects.CountAsync()).ContinueWith(t => t.Result >= total),
            TimeSpan.FromSeconds(60),
            $"{total} effects");
        Assert.Equal(total, await first.QueryAsync(db => db.Effects.Select(e => e.OrderId).Distinct().CountAsync()));
        Assert.Equal(total, await first.QueryAsync(db => db.Effects.CountAsync()));
        Assert.Equal(0, await first.QueryAsync(db => db.Set<OutboxMessage>().CountAsync(m => m.SentAt == null)));
        Assert.Equal(total, await first.QueryAsync(db => db.Set<OutboxMessage>().CountAsync(m => m.Attempts == 1)));
        var publishedByFirst = first.Metrics.Sum("messaging.outbox.published");
        var publishedBySecond = second.Metrics.Sum("messaging.outbox.published");
        Assert.Equal(total, publishedByFirst + publishedBySecond);
        Assert.True(publishedByFirst > 0 && publishedBySecond > 0, $"both relays published ({publishedByFirst} / {publishedBySecond})");
    }

    private Task<ShopHost> StartAsync() =>
        ShopHost.StartAsync(
            fixture.Database.ConnectionString,
            fixture.Broker.ConnectionUri,
            bus => bus.AddConsumer<OrderPlacedConsumer>(),
            options => options.OutboxBatchSize = 10);
}

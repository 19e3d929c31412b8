using Microsoft.EntityFrameworkCore;
using PartnerPlatform.Messaging.Outbox;
using PartnerPlatform.Messaging.Tests.Support;

namespace PartnerPlatform.Messaging.Tests;

public sealed class OutboxTests(MessagingFixture fixture) : IClassFixture<MessagingFixture>, IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);
    private ShopHost _shop = null!;

    public async Task InitializeAsync() =>
        _shop = await ShopHost.StartAsync(
            fixture.Database.ConnectionString,
            fixture.Broker.ConnectionUri,
            bus => bus.AddConsumer<OrderPlacedConsumer>(),
            // A poll this long proves that a commit wakes the relay through NOTIFY.
            options => options.OutboxPollInterval = TimeSpan.FromMinutes(5));

    public async Task DisposeAsync() => await _shop.DisposeAsync();

    [Fact]
    public async Task A_committed_business_change_and_its_event_are_saved_together_and_the_event_is_consumed()
    {
        var orderId = Guid.NewGuid();

        await _shop.PlaceOrderAsync(orderId);

        Assert.True(await _shop.QueryAsync(db => db.Orders.AnyAsync(o => o.Id == orderId)));
        await Eventually.HoldsAsync(() => EffectsAsync(orderId).ContinueWith(t => t.Result == 1), Timeout, "the consumer's effect");
        // The relay marks a batch sent after all its confirms, which can be after the consumer ran.
        await Eventually.HoldsAsync(() => OutboxRowsAsync(orderId).ContinueWith(t => t.Result.All(r => r.SentAt is not null)), Timeout, "the row marked sent");
        var row = Assert.Single(await OutboxRowsAsync(orderId));
        Assert.NotNull(row.SentAt);
        Assert.Equal(1, row.Attempts);
        Assert.Null(row.LastError);
    }

    [Fact]
    public async Task A_rolled_back_transaction_leaves_neither_the_change_nor_the_event()
    {
        var rolledBack = Guid.NewGuid();
        var committedAfterwards = Guid.NewGuid();

        await _shop.InScopeAsync(async (db, outbox) =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            db.Orders.Add(new Order { Id = rolledBack });
            outbox.Add(new OrderPlaced(rolledBack, 0, DateTimeOffset.UtcNow));
            await db.SaveChangesAsync();
            await transaction.RollbackAsync();
        });
        await _shop.PlaceOrderAsync(committedAfterwards);

        // Once the later event has been consumed, the relay has had every chance to publish the earlier one.
        await Eventually.HoldsAsync(() => EffectsAsync(committedAfterwards).ContinueWith(t => t.Result == 1), Timeout, "the later event");
        Assert.False(await _shop.QueryAsync(db => db.Orders.AnyAsync(o => o.Id == rolledBack)));
        Assert.Empty(await OutboxRowsAsync(rolledBack));
        Assert.Equal(0, await EffectsAsync(rolledBack));
    }

    [Fact]
    public async Task Events_committed_inside_an_explicit_transaction_are_published_after_the_commit()
    {
        var orderIds = Enumerable.Range(0, 5).Select(_ => Guid.NewGuid()).ToArray();

        await _shop.InScopeAsync(async (db, outbox) =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            foreach (var orderId in orderIds)
            {
                db.Orders.Add(new Order { Id = orderId });
                outbox.Add(new OrderPlaced(orderId, 0, DateTimeOffset.UtcNow));
                await db.SaveChangesAsync();
            }

            await transaction.CommitAsync();
        });

        foreach (var orderId in orderIds)
        {
            await Eventually.HoldsAsync(() => EffectsAsync(orderId).ContinueWith(t => t.Result == 1), Timeout, $"the effect of {orderId}");
        }
    }

    [Fact]
    public async Task An_unreadable_row_is_parked_with_its_error_and_does_not_hold_up_the_others()
    {
        var orderId = Guid.NewGuid();
        var unreadable = Guid.CreateVersion7();
        await _shop.InScopeAsync(async (db, _) =>
        {
            db.Set<OutboxMessage>().Add(new OutboxMessage
            {
                Id = unreadable,
                MessageType = "PartnerPlatform.Nowhere.SomethingHappened, PartnerPlatform.Nowhere",
                Payload = "{}",
                CreatedAt = DateTimeOffset.UtcNow,
                AvailableAt = DateTimeOffset.UtcNow,
            });
            await db.SaveChangesAsync();
        });

        await _shop.PlaceOrderAsync(orderId);

        await Eventually.HoldsAsync(() => EffectsAsync(orderId).ContinueWith(t => t.Result == 1), Timeout, "the readable event");
        // The unreadable row is parked in the same round trip that marks its batch, after the confirms.
        await Eventually.HoldsAsync(
            () => _shop.QueryAsync(db => db.Set<OutboxMessage>().AnyAsync(m => m.Id == unreadable && m.LastError != null)), Timeout, "the unreadable row parked");
        var parked = await _shop.QueryAsync(db => db.Set<OutboxMessage>().SingleAsync(m => m.Id == unreadable));
        Assert.Null(parked.SentAt);
        Assert.Equal(1, parked.Attempts);
        Assert.Contains("Unknown event type", parked.LastError, StringComparison.Ordinal);
        Assert.True(parked.AvailableAt > DateTimeOffset.UtcNow.AddMinutes(30));
    }

    [Fact]
    public async Task Rows_a_statement_writes_itself_are_published_at_its_commit_and_consumed()
    {
        var orderIds = new[] { Guid.NewGuid(), Guid.NewGuid() };

        await _shop.InScopeAsync(async (db, _) =>
        {
            var now = DateTimeOffset.UtcNow;
            var events = orderIds.Select(id => OutboxMessage.For(new OrderPlaced(id, 0, now), now)).ToList();
            var statement = "WITH orders_written AS (INSERT INTO orders (id, sequence) SELECT unnest(@outbox_ids), 0), "
                + $"event_rows AS ({OutboxStatement.InsertSql(db)}) {OutboxStatement.NotifySql(db)}";
            await db.Database.ExecuteSqlRawAsync(statement, OutboxStatement.Parameters(events));
        });

        // The relay polls every five minutes here: only the statement's NOTIFY can wake it in time.
        foreach (var orderId in orderIds)
        {
            await Eventually.HoldsAsync(() => EffectsAsync(orderId).ContinueWith(t => t.Result == 1), Timeout, $"the effect of {orderId}");
        }
    }

    [Fact]
    public async Task A_statement_whose_condition_has_no_row_writes_no_outbox_row()
    {
        var orderId = Guid.NewGuid();

        await _shop.InScopeAsync(async (db, _) =>
        {
            var now = DateTimeOffset.UtcNow;
            var statement = $"WITH applies AS (SELECT 1 WHERE false), event_rows AS ({OutboxStatement.InsertSql(db, onlyWhen: "applies")}) "
                + OutboxStatement.NotifySql(db, onlyWhen: "applies");
            await db.Database.ExecuteSqlRawAsync(statement, OutboxStatement.Parameters([OutboxMessage.For(new OrderPlaced(orderId, 0, now), now)]));
        });

        Assert.Empty(await OutboxRowsAsync(orderId));
    }

    private Task<List<OutboxMessage>> OutboxRowsAsync(Guid orderId) =>
        _shop.QueryAsync(db => db.Set<OutboxMessage>()
            .FromSqlInterpolated($"SELECT * FROM outbox_messages WHERE payload ->> 'orderId' = {orderId.ToString()}")
            .ToListAsync());

    private Task<int> EffectsAsync(Guid orderId) => _shop.QueryAsync(db => db.Effects.CountAsync(e => e.OrderId == orderId));
}

using Microsoft.EntityFrameworkCore;
using PartnerPlatform.Messaging.Inbox;
using PartnerPlatform.Messaging.Outbox;
using PartnerPlatform.Messaging.Tests.Support;

namespace PartnerPlatform.Messaging.Tests;

public sealed class ClockTests(MessagingFixture fixture) : IClassFixture<MessagingFixture>, IAsyncLifetime
{
    private readonly ShiftedTimeProvider _clock = new();
    private ShopHost _shop = null!;

    public async Task InitializeAsync() =>
        _shop = await ShopHost.StartAsync(fixture.Database.ConnectionString, fixture.Broker.ConnectionUri, timeProvider: _clock);

    public async Task DisposeAsync() => await _shop.DisposeAsync();

    [Fact]
    public async Task Sent_outbox_rows_and_inbox_rows_are_deleted_after_their_retention_and_unsent_rows_stay()
    {
        var now = _clock.GetUtcNow();
        var sentLongAgo = Row(sentAt: now - TimeSpan.FromHours(25));
        var sentRecently = Row(sentAt: now - TimeSpan.FromHours(23));
        // Never due, so the running relay leaves it alone: an unsent row is never deleted however old.
        var unsentLongAgo = Row(sentAt: null, createdAt: now - TimeSpan.FromDays(30), availableAt: now + TimeSpan.FromDays(365));
        await _shop.InScopeAsync(async (db, _) =>
        {
            db.Set<OutboxMessage>().AddRange(sentLongAgo, sentRecently, unsentLongAgo);
            db.Set<InboxMessage>().AddRange(
                new InboxMessage { MessageId = sentLongAgo.Id, Consumer = "old", ProcessedAt = now - TimeSpan.FromDays(8) },
                new InboxMessage { MessageId = sentLongAgo.Id, Consumer = "recent", ProcessedAt = now - TimeSpan.FromDays(6) });
            await db.SaveChangesAsync();
        });

        await _shop.Relay.CleanupAsync(CancellationToken.None);

        Guid[] ours = [sentLongAgo.Id, sentRecently.Id, unsentLongAgo.Id];
        var outbox = await _shop.QueryAsync(db => db.Set<OutboxMessage>().Where(m => ours.Contains(m.Id)).Select(m => m.Id).ToListAsync());
        Assert.Equal(new[] { sentRecently.Id, unsentLongAgo.Id }.Order(), outbox.Order());
        var inbox = await _shop.QueryAsync(db => db.Set<InboxMessage>().Where(m => m.MessageId == sentLongAgo.Id).Select(m => m.Consumer).ToListAsync());
        Assert.Equal(new[] { "recent" }, inbox);

        _clock.Offset = TimeSpan.FromHours(2);
        await _shop.Relay.CleanupAsync(CancellationToken.None);

        outbox = await _shop.QueryAsync(db => db.Set<OutboxMessage>().Where(m => ours.Contains(m.Id)).Select(m => m.Id).ToListAsync());
        Assert.Equal(new[] { unsentLongAgo.Id }, outbox);
    }

    [Fact]
    public async Task Rows_leased_by_a_relay_that_died_are_published_once_the_lease_has_ended()
    {
        var now = _clock.GetUtcNow();
        // What a relay leaves behind when it dies after claiming: one attempt counted, leased for 40 s.
        var orphan = Row(sentAt: null, createdAt: now, availableAt: now + TimeSpan.FromSeconds(40));
        orphan.Attempts = 1;
        await _shop.InScopeAsync(async (db, _) =>
        {
            db.Set<OutboxMessage>().Add(orphan);
            await db.SaveChangesAsync();
        });

        _shop.Relay.Wake();
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Null(await SentAtAsync(orphan.Id));

        _clock.Offset = TimeSpan.FromSeconds(41);
        _shop.Relay.Wake();

        await Eventually.HoldsAsync(async () => await SentAtAsync(orphan.Id) is not null, TimeSpan.FromSeconds(10), "the orphaned row published");
        Assert.Equal(2, await _shop.QueryAsync(db => db.Set<OutboxMessage>().Where(m => m.Id == orphan.Id).Select(m => m.Attempts).SingleAsync()));
    }

    private Task<DateTimeOffset?> SentAtAsync(Guid id) =>
        _shop.QueryAsync(db => db.Set<OutboxMessage>().Where(m => m.Id == id).Select(m => m.SentAt).SingleAsync());

    private static OutboxMessage Row(DateTimeOffset? sentAt, DateTimeOffset? createdAt = null, DateTimeOffset? availableAt = null)
    {
        var created = createdAt ?? sentAt ?? DateTimeOffset.UtcNow;
        return new OutboxMessage
        {
            Id = Guid.CreateVersion7(created),
            MessageType = "PartnerPlatform.Messaging.Tests.Support.OrderPlaced, PartnerPlatform.Messaging.Tests",
            Payload = """{"orderId":"5b4a2c1e-0000-4000-8000-000000000001","sequence":0,"occurredAt":"2025-01-01T00:00:00+00:00"}""",
            CreatedAt = created,
            AvailableAt = availableAt ?? created,
            SentAt = sentAt,
            Attempts = sentAt is null ? 0 : 1,
        };
    }
}

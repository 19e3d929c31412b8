using Microsoft.EntityFrameworkCore;
using PartnerPlatform.Messaging.Inbox;
using PartnerPlatform.Messaging.Outbox;
using PartnerPlatform.Messaging.Tests.Support;

namespace PartnerPlatform.Messaging.Tests;

public sealed class CleanupTests(MessagingFixture fixture) : IClassFixture<MessagingFixture>, IAsyncLifetime
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

        var outbox = await _shop.QueryAsync(db => db.Set<OutboxMessage>().Select(m => m.Id).ToListAsync());
        Assert.Equal(new[] { sentRecently.Id, unsentLongAgo.Id }.Order(), outbox.Order());
        var inbox = await _shop.QueryAsync(db => db.Set<InboxMessage>().Select(m => m.Consumer).ToListAsync());
        Assert.Equal(new[] { "recent" }, inbox);

        _clock.Offset = TimeSpan.FromHours(2);
        await _shop.Relay.CleanupAsync(CancellationToken.None);

        outbox = await _shop.QueryAsync(db => db.Set<OutboxMessage>().Select(m => m.Id).ToListAsync());
        Assert.Equal(new[] { unsentLongAgo.Id }, outbox);
    }

    private static OutboxMessage Row(DateTimeOffset? sentAt, DateTimeOffset? createdAt = null, DateTimeOffset? availableAt = null)
    {
        var created = createdAt ?? sentAt ?? DateTimeOffset.UtcNow;
        return new OutboxMessage
        {
            Id = Guid.CreateVersion7(created),
            MessageType = "PartnerPlatform.Messaging.Tests.Support.OrderPlaced, PartnerPlatform.Messaging.Tests",
            Payload = "{}",
            CreatedAt = created,
            AvailableAt = availableAt ?? created,
            SentAt = sentAt,
            Attempts = sentAt is null ? 0 : 1,
        };
    }
}

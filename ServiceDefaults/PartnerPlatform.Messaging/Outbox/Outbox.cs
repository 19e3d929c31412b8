using System.Diagnostics;
using Microsoft.EntityFrameworkCore;

namespace PartnerPlatform.Messaging.Outbox;

internal sealed class Outbox<TDbContext>(TDbContext dbContext, TimeProvider timeProvider) : IOutbox
    where TDbContext : DbContext
{
    public void Add<TEvent>(TEvent @event)
        where TEvent : class
    {
        ArgumentNullException.ThrowIfNull(@event);
        var now = timeProvider.GetUtcNow();
        dbContext.Set<OutboxMessage>().Add(new OutboxMessage
        {
            // Version 7: ids sort by creation time, so the relay publishes roughly in commit order.
            Id = Guid.CreateVersion7(now),
            MessageType = OutboxSerializer.TypeName(@event.GetType()),
            Payload = OutboxSerializer.Serialize(@event),
            TraceParent = Activity.Current is { IdFormat: ActivityIdFormat.W3C } activity ? activity.Id : null,
            CreatedAt = now,
            AvailableAt = now,
        });
    }
}

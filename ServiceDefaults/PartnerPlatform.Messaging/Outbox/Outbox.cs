using Microsoft.EntityFrameworkCore;

namespace PartnerPlatform.Messaging.Outbox;

internal sealed class Outbox<TDbContext>(TDbContext dbContext, TimeProvider timeProvider) : IOutbox
    where TDbContext : DbContext
{
    public void Add<TEvent>(TEvent @event)
        where TEvent : class
    {
        ArgumentNullException.ThrowIfNull(@event);
        dbContext.Set<OutboxMessage>().Add(OutboxMessage.For(@event, timeProvider.GetUtcNow()));
    }
}

using Microsoft.EntityFrameworkCore;

namespace PartnerPlatform.Messaging.Outbox;

/// <summary>For code that writes outbox rows with its own SQL instead of <see cref="IOutbox"/>.</summary>
public static class OutboxDbContextExtensions
{
    /// <summary>
    /// The channel the relay listens on: a transaction that inserts outbox rows with its own SQL
    /// runs <c>pg_notify(channel, '')</c> before it commits, as <c>SaveChanges</c> does.
    /// </summary>
    public static string OutboxNotifyChannel(this DbContext dbContext) => MessagingTables.For(dbContext).NotifyChannel;
}

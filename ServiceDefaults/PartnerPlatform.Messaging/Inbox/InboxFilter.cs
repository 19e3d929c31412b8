using System.Diagnostics;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace PartnerPlatform.Messaging.Inbox;

/// <summary>
/// Runs a consumer inside a transaction of the service's DbContext that first records
/// <c>(message_id, consumer)</c> in the inbox. A delivery whose record already exists is
/// acknowledged without running the consumer. A concurrent second delivery waits on the first
/// one's row lock and then sees it. If the consumer throws, the transaction (inbox row, business
/// changes, outbox rows) rolls back and the exception goes on to retry and the error queue.
/// </summary>
internal sealed class InboxFilter<TDbContext, TConsumer, TMessage>(MessagingMetrics metrics, TimeProvider timeProvider)
    : IFilter<ConsumerConsumeContext<TConsumer, TMessage>>
    where TDbContext : DbContext
    where TConsumer : class
    where TMessage : class
{
    private static readonly string ConsumerName = typeof(TConsumer).FullName ?? typeof(TConsumer).Name;
    private static readonly string MessageTypeName = typeof(TMessage).Name;

    public async Task Send(ConsumerConsumeContext<TConsumer, TMessage> context, IPipe<ConsumerConsumeContext<TConsumer, TMessage>> next)
    {
        var started = Stopwatch.GetTimestamp();
        var outcome = "failed";
        var dbContext = context.GetPayload<IServiceProvider>().GetRequiredService<TDbContext>();
        try
        {
            await using var transaction = await dbContext.Database.BeginTransactionAsync(context.CancellationToken);
            if (context.MessageId is { } messageId && !await RecordAsync(dbContext, messageId, context.CancellationToken))
            {
                await transaction.RollbackAsync(CancellationToken.None);
                metrics.DuplicateSkipped(ConsumerName);
                outcome = "duplicate";
                return;
            }

            await next.Send(context);
            await dbContext.SaveChangesAsync(context.CancellationToken);
            await transaction.CommitAsync(CancellationToken.None);
            outcome = "succeeded";
        }
        catch
        {
            // The retry may reuse this scope: it must start from the database, not from this attempt.
            dbContext.ChangeTracker.Clear();
            throw;
        }
        finally
        {
            metrics.Consumed(ConsumerName, MessageTypeName, outcome, Stopwatch.GetElapsedTime(started));
        }
    }

    public void Probe(ProbeContext context) => context.CreateFilterScope("inbox");

    /// <summary>True when this delivery is the first one of the message for this consumer.</summary>
    private async Task<bool> RecordAsync(DbContext dbContext, Guid messageId, CancellationToken cancellationToken)
    {
        var inbox = MessagingTables.For(dbContext).Inbox
            ?? throw new InvalidOperationException("The DbContext has no inbox table: call modelBuilder.AddInbox() in its OnModelCreating.");
        var insert = $"INSERT INTO {inbox} (message_id, consumer, processed_at) VALUES ({{0}}, {{1}}, {{2}}) ON CONFLICT DO NOTHING";
        var inserted = await dbContext.Database.ExecuteSqlRawAsync(
            insert,
            [messageId, ConsumerName, timeProvider.GetUtcNow()],
            cancellationToken);
        return inserted == 1;
    }
}

using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace PartnerPlatform.Messaging.Outbox;

/// <summary>
/// Wakes the relays (PostgreSQL <c>NOTIFY</c>) when a save commits outbox rows. Inside an explicit
/// transaction the notification is queued by PostgreSQL and delivered only if that transaction
/// commits; otherwise it is sent after EF Core's own transaction has committed. Either way a relay
/// never wakes before the rows are visible.
/// </summary>
internal sealed class OutboxNotifyInterceptor : SaveChangesInterceptor
{
    private readonly ConditionalWeakTable<DbContext, object> _savingOutboxRows = [];

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Remember(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Remember(eventData.Context);
        return result;
    }

    public override async ValueTask<int> SavedChangesAsync(
        SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } context && _savingOutboxRows.Remove(context))
        {
            await context.Database.ExecuteSqlRawAsync(NotifySql(context), cancellationToken);
        }

        return result;
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        if (eventData.Context is { } context && _savingOutboxRows.Remove(context))
        {
            context.Database.ExecuteSqlRaw(NotifySql(context));
        }

        return result;
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => Forget(eventData.Context);

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Forget(eventData.Context);
        return Task.CompletedTask;
    }

    public override void SaveChangesCanceled(DbContextEventData eventData) => Forget(eventData.Context);

    public override Task SaveChangesCanceledAsync(DbContextEventData eventData, CancellationToken cancellationToken = default)
    {
        Forget(eventData.Context);
        return Task.CompletedTask;
    }

    internal static string NotifySql(DbContext context) =>
        $"NOTIFY \"{MessagingTables.For(context).NotifyChannel}\"";

    private void Remember(DbContext? context)
    {
        if (context is null)
        {
            return;
        }

        var addsOutboxRows = context.ChangeTracker.Entries<OutboxMessage>().Any(e => e.State == EntityState.Added);
        if (addsOutboxRows)
        {
            _savingOutboxRows.AddOrUpdate(context, this);
        }
        else
        {
            _savingOutboxRows.Remove(context);
        }
    }

    private void Forget(DbContext? context)
    {
        if (context is not null)
        {
            _savingOutboxRows.Remove(context);
        }
    }
}

using System.Diagnostics;
using System.Threading.Channels;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace PartnerPlatform.Messaging.Outbox;

/// <summary>
/// Publishes the outbox rows of <typeparamref name="TDbContext"/>. One statement claims a batch of
/// due rows (<c>FOR UPDATE SKIP LOCKED</c>, so any number of relays share the table), counts the
/// attempt and leases the rows by moving <c>available_at</c> past the publish timeout; the batch is
/// published with publisher confirms; one more round trip marks confirmed rows sent and makes failed
/// ones due again with their last error. No transaction stays open while the broker is waited for.
/// A relay that dies mid-batch leaves its rows to be claimed again when the lease ends (the
/// consumers' inboxes absorb a repeat). While the broker fails the relay backs off. It wakes on
/// <c>NOTIFY</c> from committing writers and polls as a fallback.
/// </summary>
public sealed class OutboxRelay<TDbContext> : BackgroundService
    where TDbContext : DbContext
{
    private const int CleanupChunk = 5000;
    private static readonly TimeSpan BacklogCountInterval = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan InitialBackoff = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan LeaseMargin = TimeSpan.FromSeconds(30);

    private readonly IServiceScopeFactory _scopeFactory;
    private readonly IBus _bus;
    private readonly MessagingOptions _options;
    private readonly MessagingMetrics _metrics;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private DateTimeOffset _nextCleanupAt = DateTimeOffset.MinValue;
    private long _lastBacklogCountAt = long.MinValue;

    public OutboxRelay(
        IServiceScopeFactory scopeFactory,
        IBus bus,
        IOptions<MessagingOptions> options,
        MessagingMetrics metrics,
        TimeProvider timeProvider,
        ILogger<OutboxRelay<TDbContext>> logger)
    {
        _scopeFactory = scopeFactory;
        _bus = bus;
        _options = options.Value;
        _metrics = metrics;
        _timeProvider = timeProvider;
        _logger = logger;
    }

    /// <summary>Wakes the relay now (it also wakes on <c>NOTIFY</c> and by polling).</summary>
    public void Wake() => _wake.Writer.TryWrite(true);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Do not hold up the start of the other hosted services (the bus among them).
        await Task.Yield();
        var listening = ListenAsync(stoppingToken);
        var backoff = TimeSpan.Zero;
        while (!stoppingToken.IsCancellationRequested)
        {
            BatchOutcome outcome;
            try
            {
                outcome = await RelayBatchAsync(stoppingToken);
                await CleanupIfDueAsync(stoppingToken);
                if (outcome != BatchOutcome.Full)
                {
                    await CountBacklogIfDueAsync(stoppingToken);
                }
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                _logger.LogWarning(ex, "An outbox relay round failed; retrying after a pause.");
                outcome = BatchOutcome.Failed;
            }
            catch (Exception) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }

            if (outcome == BatchOutcome.Failed)
            {
                backoff = backoff == TimeSpan.Zero ? InitialBackoff : TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, _options.OutboxMaxBackoff.Ticks));
                await DelayAsync(backoff, stoppingToken);
                continue;
            }

            backoff = TimeSpan.Zero;
            if (outcome == BatchOutcome.Idle)
            {
                await WaitForWorkAsync(stoppingToken);
            }
        }

        await listening;
    }

    /// <summary>Claims, publishes and marks one batch.</summary>
    internal async Task<BatchOutcome> RelayBatchAsync(CancellationToken cancellationToken)
    {
        await using var scope = _scopeFactory.CreateAsyncScope();
        var dbContext = scope.ServiceProvider.GetRequiredService<TDbContext>();
        var tables = MessagingTables.For(dbContext);
        var connection = (NpgsqlConnection)dbContext.Database.GetDbConnection();
        await connection.OpenAsync(cancellationToken);
        try
        {
            var rows = await ClaimAsync(connection, tables, cancellationToken);
            if (rows.Count == 0)
            {
                return BatchOutcome.Idle;
            }

            var results = await PublishAsync(rows, cancellationToken);
            // Not cancellable: what the broker confirmed must be recorded even while stopping.
            await MarkAsync(connection, tables, results, CancellationToken.None);

            var failed = results.Count(r => r.Outcome == PublishOutcome.Failed);
            if (failed > 0)
            {
                _metrics.PublishFailed(failed);
                var error = results.First(r => r.Outcome == PublishOutcome.Failed).Error;
                _logger.LogWarning("The broker did not confirm {Failed} of {Count} outbox events; they stay in the outbox. {Error}", failed, rows.Count, error);
                return BatchOutcome.Failed;
            }

            return rows.Count >= _options.OutboxBatchSize ? BatchOutcome.Full : BatchOutcome.Partial;
        }
        finally
        {
            await connection.CloseAsync();
        }
    }

    /// <summary>Deletes sent outbox rows and inbox rows older than their retention.</summary>
    internal async Task CleanupAsync(CancellationToken cancellationToken)
    {
        await using var scope = _scopeFactory.CreateAsyncScope();
        var dbContext = scope.ServiceProvider.GetRequiredService<TDbContext>();
        var tables = MessagingTables.For(dbContext);
        var now = _timeProvider.GetUtcNow();
        var deleted = await DeleteInChunksAsync(
            dbContext,
            $"DELETE FROM {tables.Outbox} WHERE id IN (SELECT id FROM {tables.Outbox} WHERE sent_at < {{0}} LIMIT {CleanupChunk})",
            now - _options.OutboxSentRetention,
            cancellationToken);
        if (tables.Inbox is { } inbox)
        {
            deleted += await DeleteInChunksAsync(
                dbContext,
                $"DELETE FROM {inbox} WHERE (message_id, consumer) IN (SELECT message_id, consumer FROM {inbox} WHERE processed_at < {{0}} LIMIT {CleanupChunk})",
                now - _options.InboxRetention,
                cancellationToken);
        }

        if (deleted > 0)
        {
            _logger.LogInformation("Deleted {Count} expired outbox and inbox rows.", deleted);
        }
    }

    private static async Task<int> DeleteInChunksAsync(DbContext dbContext, string sql, DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        var total = 0;
        int deleted;
        do
        {
            deleted = await dbContext.Database.ExecuteSqlRawAsync(sql, [cutoff], cancellationToken);
            total += deleted;
        }
        while (deleted == CleanupChunk);
        return total;
    }

    private async Task<List<ClaimedRow>> ClaimAsync(NpgsqlConnection connection, MessagingTables tables, CancellationToken cancellationToken)
    {
        var now = _timeProvider.GetUtcNow();
        await using var command = new NpgsqlCommand(
            $"""
             UPDATE {tables.Outbox} AS claimed
             SET available_at = @lease_until, attempts = claimed.attempts + 1
             FROM (
                 SELECT id FROM {tables.Outbox}
                 WHERE sent_at IS NULL AND available_at <= @now
                 ORDER BY id
                 LIMIT @limit
                 FOR UPDATE SKIP LOCKED
             ) AS due
             WHERE claimed.id = due.id
             RETURNING claimed.id, claimed.message_type, claimed.payload, claimed.trace_parent, claimed.created_at
             """,
            connection);
        command.Parameters.AddWithValue("now", now);
        command.Parameters.AddWithValue("lease_until", now + _options.OutboxPublishTimeout + LeaseMargin);
        command.Parameters.AddWithValue("limit", _options.OutboxBatchSize);
        var rows = new List<ClaimedRow>(_options.OutboxBatchSize);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new ClaimedRow(
                reader.GetGuid(0),
                reader.GetString(1),
                reader.GetString(2),
                reader.IsDBNull(3) ? null : reader.GetString(3),
                reader.GetFieldValue<DateTimeOffset>(4)));
        }

        return rows;
    }

    private async Task<PublishResult[]> PublishAsync(List<ClaimedRow> rows, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.OutboxPublishTimeout);
        return await Task.WhenAll(rows.Select(row => PublishOneAsync(row, timeout.Token)));
    }

    private async Task<PublishResult> PublishOneAsync(ClaimedRow row, CancellationToken cancellationToken)
    {
        var (@event, type, error) = OutboxSerializer.Deserialize(row.MessageType, row.Payload);
        if (@event is null || type is null)
        {
            _logger.LogError("Outbox event {MessageId} cannot be read and is parked: {Error}", row.Id, error);
            return new PublishResult(row.Id, PublishOutcome.Unreadable, error);
        }

        ActivityContext.TryParse(row.TraceParent, null, out var parent);
        using var activity = MessagingMetrics.ActivitySource.StartActivity("outbox publish", ActivityKind.Producer, parent);
        activity?.SetTag("messaging.message.id", row.Id);
        var started = Stopwatch.GetTimestamp();
        try
        {
            await _bus.Publish(@event, type, Pipe.Execute<PublishContext>(context => context.MessageId = row.Id), cancellationToken);
            _metrics.Published(Stopwatch.GetElapsedTime(started), _timeProvider.GetUtcNow() - row.CreatedAt);
            return new PublishResult(row.Id, PublishOutcome.Sent, null);
        }
        catch (Exception ex)
        {
            activity?.SetStatus(ActivityStatusCode.Error, ex.Message);
            var message = ex is OperationCanceledException
                ? $"No publisher confirm within {_options.OutboxPublishTimeout.TotalSeconds:0.#} s (broker unreachable?)."
                : $"{ex.GetType().Name}: {ex.Message}";
            return new PublishResult(row.Id, PublishOutcome.Failed, message);
        }
    }

    private async Task MarkAsync(NpgsqlConnection connection, MessagingTables tables, PublishResult[] results, CancellationToken cancellationToken)
    {
        var now = _timeProvider.GetUtcNow();
        await using var batch = new NpgsqlBatch(connection);
        var sent = results.Where(r => r.Outcome == PublishOutcome.Sent).Select(r => r.Id).ToArray();
        if (sent.Length > 0)
        {
            batch.BatchCommands.Add(Command($"UPDATE {tables.Outbox} SET sent_at = $1 WHERE id = ANY($2)", now, sent));
        }

        foreach (var group in results.Where(r => r.Outcome != PublishOutcome.Sent).GroupBy(r => (r.Outcome, r.Error)))
        {
            // A broker failure makes the row due at once (the relay backs off as a whole);
            // an unreadable row is parked so it cannot hold up the others.
            var availableAt = group.Key.Outcome == PublishOutcome.Unreadable ? now + _options.OutboxParkDuration : now;
            batch.BatchCommands.Add(Command(
                $"UPDATE {tables.Outbox} SET last_error = $1, available_at = $2 WHERE id = ANY($3) AND sent_at IS NULL",
                group.Key.Error ?? "",
                availableAt,
                group.Select(r => r.Id).ToArray()));
        }

        await batch.ExecuteNonQueryAsync(cancellationToken);
    }

    private static NpgsqlBatchCommand Command(string sql, params object[] values)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        return command;
    }

    private async Task CleanupIfDueAsync(CancellationToken cancellationToken)
    {
        var now = _timeProvider.GetUtcNow();
        if (now < _nextCleanupAt)
        {
            return;
        }

        _nextCleanupAt = now + _options.CleanupInterval;
        await CleanupAsync(cancellationToken);
    }

    private async Task CountBacklogIfDueAsync(CancellationToken cancellationToken)
    {
        var now = _timeProvider.GetTimestamp();
        if (_lastBacklogCountAt != long.MinValue && _timeProvider.GetElapsedTime(_lastBacklogCountAt, now) < BacklogCountInterval)
        {
            return;
        }

        _lastBacklogCountAt = now;
        await using var scope = _scopeFactory.CreateAsyncScope();
        var dbContext = scope.ServiceProvider.GetRequiredService<TDbContext>();
        var tables = MessagingTables.For(dbContext);
        var count = $"SELECT count(*) AS \"Value\" FROM {tables.Outbox} WHERE sent_at IS NULL";
        var backlog = await dbContext.Database
            .SqlQueryRaw<long>(count)
            .SingleAsync(cancellationToken);
        _metrics.SetBacklog(backlog);
    }

    private async Task WaitForWorkAsync(CancellationToken stoppingToken)
    {
        using var poll = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        poll.CancelAfter(_options.OutboxPollInterval);
        try
        {
            await _wake.Reader.WaitToReadAsync(poll.Token);
            _wake.Reader.TryRead(out _);
        }
        catch (OperationCanceledException)
        {
            // Poll interval elapsed (or stopping): look at the table anyway.
        }
    }

    private async Task DelayAsync(TimeSpan delay, CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(delay, _timeProvider, stoppingToken);
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }

    /// <summary>Keeps a connection listening for the outbox channel; reconnects after failures.</summary>
    private async Task ListenAsync(CancellationToken stoppingToken)
    {
        var backoff = InitialBackoff;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var (connection, channel) = await OpenListenConnectionAsync(stoppingToken);
                await using (connection)
                {
                    connection.Notification += (_, _) => Wake();
                    await using (var listen = new NpgsqlCommand($"LISTEN \"{channel}\"", connection))
                    {
                        await listen.ExecuteNonQueryAsync(stoppingToken);
                    }

                    // Rows may have been committed while nobody listened.
                    Wake();
                    backoff = InitialBackoff;
                    while (true)
                    {
                        await connection.WaitAsync(stoppingToken);
                    }
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                _logger.LogWarning(ex, "The outbox relay lost its notification connection; polling every {Interval} until it is back.", _options.OutboxPollInterval);
                await DelayAsync(backoff, stoppingToken);
                backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, _options.OutboxMaxBackoff.Ticks));
            }
        }
    }

    private async Task<(NpgsqlConnection Connection, string Channel)> OpenListenConnectionAsync(CancellationToken cancellationToken)
    {
        await using var scope = _scopeFactory.CreateAsyncScope();
        var dbContext = scope.ServiceProvider.GetRequiredService<TDbContext>();
        var channel = MessagingTables.For(dbContext).NotifyChannel;
        var template = (NpgsqlConnection)dbContext.Database.GetDbConnection();
        var settings = new NpgsqlConnectionStringBuilder(template.ConnectionString) { Pooling = false, KeepAlive = 30 };
        var connection = template.CloneWith(settings.ConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }

        return (connection, channel);
    }

    internal enum BatchOutcome
    {
        /// <summary>Nothing was due.</summary>
        Idle,

        /// <summary>Fewer rows than a batch: the table is drained for now.</summary>
        Partial,

        /// <summary>A full batch: more may be waiting.</summary>
        Full,

        /// <summary>Some rows were not confirmed or the database failed: back off.</summary>
        Failed,
    }

    private enum PublishOutcome
    {
        Sent,
        Failed,
        Unreadable,
    }

    private sealed record ClaimedRow(Guid Id, string MessageType, string Payload, string? TraceParent, DateTimeOffset CreatedAt);

    private sealed record PublishResult(Guid Id, PublishOutcome Outcome, string? Error);
}

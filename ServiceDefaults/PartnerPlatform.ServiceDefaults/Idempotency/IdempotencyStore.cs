using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;

namespace PartnerPlatform.ServiceDefaults;

/// <summary>Configuration section <c>Idempotency</c>.</summary>
public sealed class IdempotencyOptions
{
    public const string SectionName = "Idempotency";
    public const string HeaderName = "Idempotency-Key";
    public const int MaxKeyLength = 200;

    /// <summary>The connection name whose database holds the <c>idempotency_keys</c> table.</summary>
    public string ConnectionName { get; set; } = "";

    /// <summary>How long a key is remembered.</summary>
    public TimeSpan KeyLifetime { get; set; } = TimeSpan.FromHours(24);

    /// <summary>How long a repeated request waits for the first one with its key before a 409.</summary>
    public TimeSpan WaitTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How often expired keys are deleted.</summary>
    public TimeSpan CleanupInterval { get; set; } = TimeSpan.FromHours(1);
}

/// <summary>A response kept for replay.</summary>
public sealed record StoredResponse(int StatusCode, string? ContentType, string? Location, byte[] Body);

/// <summary>
/// The <c>idempotency_keys</c> table of one service database. A first request claims its key by
/// inserting the row inside a transaction it keeps open while the work runs, and commits the row
/// together with the response; a concurrent request with the same key blocks on that insert until
/// the first commits (it then replays) or rolls back (it then does the work itself). A crashed
/// process's transaction rolls back by itself, so no key stays stuck.
/// </summary>
public sealed class IdempotencyStore(PostgresDataSources dataSources, IOptions<IdempotencyOptions> options, TimeProvider timeProvider)
{
    private const string Ddl = """
        CREATE TABLE IF NOT EXISTS idempotency_keys (
            scope text NOT NULL,
            key text NOT NULL,
            request_hash text NOT NULL,
            status_code integer,
            content_type text,
            location text,
            body bytea,
            created_at timestamptz NOT NULL,
            expires_at timestamptz NOT NULL,
            PRIMARY KEY (scope, key)
        );
        CREATE INDEX IF NOT EXISTS idempotency_keys_expires_at ON idempotency_keys (expires_at);
        """;

    private readonly SemaphoreSlim _schemaLock = new(1, 1);
    private volatile bool _schemaReady;

    private NpgsqlDataSource DataSource => dataSources.Get(options.Value.ConnectionName);

    /// <summary>Creates the table if it is missing (also done on first use).</summary>
    public async Task EnsureSchemaAsync(CancellationToken cancellationToken = default)
    {
        if (_schemaReady)
        {
            return;
        }

        await _schemaLock.WaitAsync(cancellationToken);
        try
        {
            if (!_schemaReady)
            {
                await PostgresSchema.EnsureAsync(DataSource, "idempotency_keys", Ddl, cancellationToken);
                _schemaReady = true;
            }
        }
        finally
        {
            _schemaLock.Release();
        }
    }

    /// <summary>Deletes keys past their lifetime; returns how many.</summary>
    public async Task<int> DeleteExpiredAsync(CancellationToken cancellationToken = default)
    {
        await EnsureSchemaAsync(cancellationToken);
        await using var command = DataSource.CreateCommand("DELETE FROM idempotency_keys WHERE expires_at <= @now");
        command.Parameters.AddWithValue("now", timeProvider.GetUtcNow());
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Claims <paramref name="key"/> in <paramref name="scope"/>, or tells why not.</summary>
    public async Task<IdempotencyClaim> ClaimAsync(string scope, string key, string requestHash, CancellationToken cancellationToken = default)
    {
        await EnsureSchemaAsync(cancellationToken);
        var now = timeProvider.GetUtcNow();
        var connection = await DataSource.OpenConnectionAsync(cancellationToken);
        NpgsqlTransaction? transaction = null;
        try
        {
            transaction = await connection.BeginTransactionAsync(cancellationToken);
            var waitMilliseconds = Math.Max(1, (long)options.Value.WaitTimeout.TotalMilliseconds);
            await ExecuteAsync(connection, transaction, $"SET LOCAL lock_timeout = {waitMilliseconds}", cancellationToken);
            await ExecuteAsync(
                connection,
                transaction,
                "DELETE FROM idempotency_keys WHERE scope = @scope AND key = @key AND expires_at <= @now",
                cancellationToken,
                ("scope", scope), ("key", key), ("now", now));

            var inserted = await ExecuteAsync(
                connection,
                transaction,
                """
                INSERT INTO idempotency_keys (scope, key, request_hash, created_at, expires_at)
                VALUES (@scope, @key, @hash, @now, @expires)
                ON CONFLICT (scope, key) DO NOTHING
                """,
                cancellationToken,
                ("scope", scope), ("key", key), ("hash", requestHash), ("now", now), ("expires", now + options.Value.KeyLifetime));
            if (inserted == 1)
            {
                var claim = IdempotencyClaim.Owned(connection, transaction, scope, key);
                connection = null;
                transaction = null;
                return claim;
            }

            await using var select = new NpgsqlCommand(
                "SELECT request_hash, status_code, content_type, location, body FROM idempotency_keys WHERE scope = @scope AND key = @key",
                connection,
                transaction);
            select.Parameters.AddWithValue("scope", scope);
            select.Parameters.AddWithValue("key", key);
            await using var reader = await select.ExecuteReaderAsync(cancellationToken);
            if (!await reader.ReadAsync(cancellationToken))
            {
                // Deleted between our insert and select (expired and cleaned): treat as busy, the client retries.
                return IdempotencyClaim.Busy;
            }

            if (reader.GetString(0) != requestHash)
            {
                return IdempotencyClaim.Mismatch;
            }

            return IdempotencyClaim.Replay(new StoredResponse(
                reader.GetInt32(1),
                reader.IsDBNull(2) ? null : reader.GetString(2),
                reader.IsDBNull(3) ? null : reader.GetString(3),
                reader.IsDBNull(4) ? [] : reader.GetFieldValue<byte[]>(4)));
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.LockNotAvailable)
        {
            return IdempotencyClaim.Busy;
        }
        finally
        {
            if (transaction is not null)
            {
                await transaction.DisposeAsync();
            }

            if (connection is not null)
            {
                await connection.DisposeAsync();
            }
        }
    }

    /// <summary>
    /// For endpoints whose handler stores the key in its own transaction
    /// (<see cref="IdempotencyExtensions.WithTransactionalIdempotency{TBuilder}"/>): one round trip
    /// that drops an expired row of the key and reads a live one. Null when no live row holds the
    /// key; otherwise a replay, a mismatch, or busy (a row still being completed by a claim).
    /// </summary>
    public async Task<IdempotencyClaim?> LookupAsync(string scope, string key, string requestHash, CancellationToken cancellationToken = default)
    {
        await EnsureSchemaAsync(cancellationToken);
        await using var connection = await DataSource.OpenConnectionAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            """
            WITH expired AS (DELETE FROM idempotency_keys WHERE scope = $1 AND key = $2 AND expires_at <= $3)
            SELECT request_hash, status_code, content_type, location, body FROM idempotency_keys
            WHERE scope = $1 AND key = $2 AND expires_at > $3
            """,
            connection);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = scope, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = key, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = timeProvider.GetUtcNow(), NpgsqlDbType = NpgsqlDbType.TimestampTz });
        await command.PrepareAsync(cancellationToken);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        if (reader.GetString(0) != requestHash)
        {
            return IdempotencyClaim.Mismatch;
        }

        if (reader.IsDBNull(1))
        {
            return IdempotencyClaim.Busy;
        }

        return IdempotencyClaim.Replay(new StoredResponse(
            reader.GetInt32(1),
            reader.IsDBNull(2) ? null : reader.GetString(2),
            reader.IsDBNull(3) ? null : reader.GetString(3),
            reader.IsDBNull(4) ? [] : reader.GetFieldValue<byte[]>(4)));
    }

    /// <summary>
    /// Stores <paramref name="response"/> for <paramref name="request"/> on its own (a response with
    /// no business change to commit it with); false when a row already holds the key.
    /// </summary>
    public async Task<bool> TryStoreAsync(IdempotentRequest request, StoredResponse response, CancellationToken cancellationToken = default)
    {
        await using var command = DataSource.CreateCommand(IdempotentRequest.InsertSql + " ON CONFLICT (scope, key) DO NOTHING");
        command.Parameters.AddRange(request.Parameters(response));
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    internal IdempotentRequest NewRequest(string scope, string key, string requestHash, HttpContext http)
    {
        var now = timeProvider.GetUtcNow();
        return new IdempotentRequest(scope, key, requestHash, now, now + options.Value.KeyLifetime, http);
    }

    internal static async Task<int> ExecuteAsync(
        NpgsqlConnection connection,
        NpgsqlTransaction transaction,
        string sql,
        CancellationToken cancellationToken,
        params (string Name, object? Value)[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return await command.ExecuteNonQueryAsync(cancellationToken);
    }
}

public enum IdempotencyOutcome
{
    /// <summary>This request holds the key: do the work, then <see cref="IdempotencyClaim.CompleteAsync"/>.</summary>
    Owned,

    /// <summary>The key was used with the same request: answer <see cref="IdempotencyClaim.Response"/>.</summary>
    Replay,

    /// <summary>The key was used with a different request: 422 CBC.0158.</summary>
    Mismatch,

    /// <summary>The first request with the key is still running after the wait bound: 409.</summary>
    Busy,
}

/// <summary>The result of <see cref="IdempotencyStore.ClaimAsync"/>. Dispose it: an owned claim not completed is released.</summary>
public sealed class IdempotencyClaim : IAsyncDisposable
{
    private readonly NpgsqlConnection? _connection;
    private readonly NpgsqlTransaction? _transaction;
    private readonly string _scope = "";
    private readonly string _key = "";

    private IdempotencyClaim(IdempotencyOutcome outcome, StoredResponse? response = null)
    {
        Outcome = outcome;
        Response = response;
    }

    private IdempotencyClaim(NpgsqlConnection connection, NpgsqlTransaction transaction, string scope, string key)
        : this(IdempotencyOutcome.Owned)
    {
        _connection = connection;
        _transaction = transaction;
        _scope = scope;
        _key = key;
    }

    public IdempotencyOutcome Outcome { get; }

    public StoredResponse? Response { get; }

    internal static IdempotencyClaim Busy { get; } = new(IdempotencyOutcome.Busy);

    internal static IdempotencyClaim Mismatch { get; } = new(IdempotencyOutcome.Mismatch);

    internal static IdempotencyClaim Replay(StoredResponse response) => new(IdempotencyOutcome.Replay, response);

    internal static IdempotencyClaim Owned(NpgsqlConnection connection, NpgsqlTransaction transaction, string scope, string key) =>
        new(connection, transaction, scope, key);

    /// <summary>Stores the response with the key and makes it visible to requests waiting on it.</summary>
    public async Task CompleteAsync(StoredResponse response, CancellationToken cancellationToken = default)
    {
        if (_connection is null || _transaction is null)
        {
            throw new InvalidOperationException("Only an owned claim can be completed.");
        }

        await using (var command = new NpgsqlCommand(
            """
            UPDATE idempotency_keys SET status_code = @status, content_type = @content_type, location = @location, body = @body
            WHERE scope = @scope AND key = @key
            """,
            _connection,
            _transaction))
        {
            command.Parameters.AddWithValue("status", response.StatusCode);
            command.Parameters.AddWithValue("content_type", (object?)response.ContentType ?? DBNull.Value);
            command.Parameters.AddWithValue("location", (object?)response.Location ?? DBNull.Value);
            command.Parameters.AddWithValue("body", NpgsqlDbType.Bytea, response.Body);
            command.Parameters.AddWithValue("scope", _scope);
            command.Parameters.AddWithValue("key", _key);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await _transaction.CommitAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (_transaction is not null)
        {
            await _transaction.DisposeAsync();
        }

        if (_connection is not null)
        {
            await _connection.DisposeAsync();
        }
    }
}

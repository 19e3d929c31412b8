using Npgsql;

namespace Coupons.Tests.Support;

/// <summary>
/// A transaction of the test's own on the service's database, held open so that requests of the
/// service wait at a lock the test chose, and released when the test says so. With
/// <see cref="WaitUntilBlockedAsync"/> a test orders concurrent requests deterministically.
/// </summary>
public sealed class HeldTransaction : IAsyncDisposable
{
    private readonly NpgsqlConnection _connection;
    private NpgsqlTransaction? _transaction;

    private HeldTransaction(NpgsqlConnection connection, NpgsqlTransaction transaction)
    {
        _connection = connection;
        _transaction = transaction;
    }

    public static async Task<HeldTransaction> BeginAsync(CouponsApiFactory api)
    {
        var connection = new NpgsqlConnection(api.DatabaseConnectionString);
        await connection.OpenAsync();
        var transaction = await connection.BeginTransactionAsync();
        return new HeldTransaction(connection, transaction);
    }

    /// <summary>Runs <paramref name="sql"/> (parameters <c>@p0</c>, <c>@p1</c>, …) inside the held transaction.</summary>
    public async Task ExecuteAsync(string sql, params object[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, _connection, _transaction);
        for (var i = 0; i < parameters.Length; i++)
        {
            command.Parameters.AddWithValue("p" + i, parameters[i]);
        }

        await command.ExecuteNonQueryAsync();
    }

    public async Task CommitAsync()
    {
        await _transaction!.CommitAsync();
        _transaction = null;
    }

    /// <summary>Rolls back what the held transaction wrote, releasing its locks; the requests waiting on them go on.</summary>
    public async Task RollbackAsync()
    {
        await _transaction!.RollbackAsync();
        _transaction = null;
    }

    public async ValueTask DisposeAsync()
    {
        if (_transaction is not null)
        {
            await _transaction.RollbackAsync();
        }

        await _connection.DisposeAsync();
    }

    /// <summary>
    /// Waits until <paramref name="count"/> server processes of the database wait on a lock. Returns
    /// early when one of <paramref name="unexpected"/> completes first (a request that did not wait
    /// where the test expected it to), so the test fails on what happened instead of a timeout.
    /// </summary>
    public static async Task WaitUntilBlockedAsync(CouponsApiFactory api, int count, params Task[] unexpected)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        await using var connection = new NpgsqlConnection(api.DatabaseConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            """
            SELECT count(*)::int FROM pg_stat_activity
            WHERE datname = current_database() AND wait_event_type = 'Lock'
              AND cardinality(pg_blocking_pids(pid)) > 0
            """,
            connection);
        while ((int)(await command.ExecuteScalarAsync())! < count)
        {
            if (unexpected.Any(t => t.IsCompleted))
            {
                return;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Timed out waiting for {count} requests to wait on a lock.");
            }

            await Task.Delay(20);
        }
    }
}

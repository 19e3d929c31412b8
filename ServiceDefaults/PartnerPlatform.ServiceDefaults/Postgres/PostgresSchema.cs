using Npgsql;

namespace PartnerPlatform.ServiceDefaults;

/// <summary>
/// Runs idempotent DDL (<c>CREATE … IF NOT EXISTS</c>) under a transaction-scoped advisory lock,
/// so processes starting together do not collide on the catalogue.
/// </summary>
internal static class PostgresSchema
{
    public static async Task EnsureAsync(NpgsqlDataSource dataSource, string lockName, string ddl, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var command = new NpgsqlCommand("SELECT pg_advisory_xact_lock(hashtext(@name))", connection, transaction))
        {
            command.Parameters.AddWithValue("name", lockName);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await using (var command = new NpgsqlCommand(ddl, connection, transaction))
        {
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    public static void Ensure(NpgsqlDataSource dataSource, string lockName, string ddl)
    {
        using var connection = dataSource.OpenConnection();
        using var transaction = connection.BeginTransaction();
        using (var command = new NpgsqlCommand("SELECT pg_advisory_xact_lock(hashtext(@name))", connection, transaction))
        {
            command.Parameters.AddWithValue("name", lockName);
            command.ExecuteNonQuery();
        }

        using (var command = new NpgsqlCommand(ddl, connection, transaction))
        {
            command.ExecuteNonQuery();
        }

        transaction.Commit();
    }
}

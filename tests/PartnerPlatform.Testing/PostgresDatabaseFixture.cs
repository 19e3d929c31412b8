using Npgsql;
using Xunit;

namespace PartnerPlatform.Testing;

/// <summary>
/// A fresh PostgreSQL database on the private server for one test class, dropped afterwards.
/// Use as <c>IClassFixture&lt;PostgresDatabaseFixture&gt;</c>.
/// </summary>
public class PostgresDatabaseFixture : IAsyncLifetime
{
    public string DatabaseName { get; } = "test_" + Guid.NewGuid().ToString("N")[..20];

    /// <summary>Connection string of the fresh database (superuser on the private server).</summary>
    public string ConnectionString { get; private set; } = "";

    public virtual async Task InitializeAsync()
    {
        await using var admin = await OpenAdminConnectionAsync();
        await using (var create = new NpgsqlCommand($"CREATE DATABASE \"{DatabaseName}\"", admin))
        {
            await create.ExecuteNonQueryAsync();
        }

        ConnectionString = new NpgsqlConnectionStringBuilder(ServerEnvironment.Current.PostgresConnectionString)
        {
            Database = DatabaseName,
        }.ConnectionString;
    }

    public NpgsqlDataSource CreateDataSource() => NpgsqlDataSource.Create(ConnectionString);

    public virtual async Task DisposeAsync()
    {
        if (ConnectionString.Length > 0)
        {
            NpgsqlConnection.ClearPool(new NpgsqlConnection(ConnectionString));
        }

        await using var admin = await OpenAdminConnectionAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{DatabaseName}\" WITH (FORCE)", admin);
        await drop.ExecuteNonQueryAsync();
    }

    private static async Task<NpgsqlConnection> OpenAdminConnectionAsync()
    {
        var builder = new NpgsqlConnectionStringBuilder(ServerEnvironment.Current.PostgresConnectionString)
        {
            Database = "postgres",
            Pooling = false,
            Timeout = 10,
        };
        var connection = new NpgsqlConnection(builder.ConnectionString);
        try
        {
            await connection.OpenAsync();
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
        {
            await connection.DisposeAsync();
            throw new InvalidOperationException(
                $"PostgreSQL at {builder.Host}:{builder.Port} does not answer ({ex.Message}). {ServerEnvironment.HowToStart}", ex);
        }

        return connection;
    }
}

using Npgsql;
using Xunit;

namespace PartnerPlatform.Testing;

/// <summary>
/// A PostgreSQL server of its own for one test class (<c>deploy/local/servers start postgres</c> in a
/// private data folder: <c>initdb</c>, then <c>pg_ctl</c> on a free loopback port), which the tests
/// may stop (fast shutdown: open sessions are cut) and start again on the same port with the same
/// data. One database, <see cref="DatabaseName"/>, is created at start. Removed afterwards; the shared
/// server is never touched.
/// </summary>
public class DedicatedPostgresFixture : IAsyncLifetime
{
    private readonly LocalServerScript _script = new("postgres");

    public string DatabaseName { get; } = "dedicated";

    /// <summary>Connection string of <see cref="DatabaseName"/>, in the form of <c>ConnectionStrings__{name}</c>.</summary>
    public string ConnectionString { get; private set; } = null!;

    public virtual async Task InitializeAsync()
    {
        await StartAsync();
        var server = new NpgsqlConnectionStringBuilder(await _script.ReadEnvironmentAsync("ConnectionStrings__postgres")) { Pooling = false };
        await using (var connection = new NpgsqlConnection(server.ConnectionString))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{DatabaseName}\"", connection);
            await create.ExecuteNonQueryAsync();
        }

        ConnectionString = new NpgsqlConnectionStringBuilder(server.ConnectionString) { Database = DatabaseName, Pooling = true }.ConnectionString;
    }

    /// <summary>Starts the server (again), on the port it had.</summary>
    public Task StartAsync() => _script.StartAsync();

    /// <summary>Stops the server; open connections are cut, new ones refused.</summary>
    public Task StopAsync() => _script.StopAsync();

    public virtual Task DisposeAsync() => _script.RemoveAsync();
}

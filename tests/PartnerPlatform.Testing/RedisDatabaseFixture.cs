using Xunit;

namespace PartnerPlatform.Testing;

/// <summary>
/// An isolated Redis key space for one test class: a database number of its own on the private
/// server (it runs with 1024 databases), flushed before and after the class.
/// <see cref="ConnectionString"/> carries it as <c>defaultDatabase=N</c>.
/// </summary>
public class RedisDatabaseFixture : IAsyncLifetime
{
    private const int DatabaseCount = 1024;

    public int Database { get; private set; }

    /// <summary>The private server's connection string with this class's database selected.</summary>
    public string ConnectionString { get; private set; } = "";

    public RedisEndpoint Endpoint { get; } = RedisEndpoint.Parse(ServerEnvironment.Current.RedisConnectionString);

    public virtual async Task InitializeAsync()
    {
        try
        {
            // Database 0 holds the allocation counter; classes get 1..1023 in turn.
            var ticket = long.Parse(await SendAsync(0, "INCR", "platform:test:database-ticket"), System.Globalization.CultureInfo.InvariantCulture);
            Database = (int)(1 + (ticket % (DatabaseCount - 1)));
        }
        catch (Exception ex) when (ex is System.Net.Sockets.SocketException or IOException or TimeoutException)
        {
            throw new InvalidOperationException($"Redis at {Endpoint.Host}:{Endpoint.Port} does not answer ({ex.Message}). {ServerEnvironment.HowToStart}", ex);
        }

        await SendAsync(Database, "FLUSHDB");
        ConnectionString = $"{ServerEnvironment.Current.RedisConnectionString},defaultDatabase={Database}";
    }

    /// <summary>Runs one command against this class's database and returns the reply as text.</summary>
    public Task<string> SendAsync(params string[] command) => SendAsync(Database, command);

    public virtual async Task DisposeAsync() => await SendAsync(Database, "FLUSHDB");

    private Task<string> SendAsync(int database, params string[] command) =>
        RespProbe.SendAsync(Endpoint, database, command, TimeSpan.FromSeconds(10));
}

using Xunit;

namespace PartnerPlatform.Testing;

/// <summary>
/// A Redis server of its own for one test class (<c>deploy/local/servers start redis</c> in a private
/// data folder, a free loopback port), which the tests may stop and start again on the same port.
/// Removed afterwards; the shared server is never touched.
/// </summary>
public class DedicatedRedisFixture : IAsyncLifetime
{
    private readonly LocalServerScript _script = new("redis");

    /// <summary>StackExchange.Redis connection string, in the form of <c>ConnectionStrings__redis</c>.</summary>
    public string ConnectionString { get; private set; } = null!;

    public virtual async Task InitializeAsync()
    {
        await StartAsync();
        ConnectionString = await _script.ReadEnvironmentAsync("ConnectionStrings__redis");
    }

    /// <summary>Starts the server (again), on the port it had.</summary>
    public Task StartAsync() => _script.StartAsync();

    /// <summary>Stops the server; clients see the connection drop.</summary>
    public Task StopAsync() => _script.StopAsync();

    public virtual Task DisposeAsync() => _script.RemoveAsync();
}

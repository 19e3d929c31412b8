using System.Collections.Concurrent;
using Microsoft.Extensions.Configuration;
using Npgsql;

namespace PartnerPlatform.ServiceDefaults;

/// <summary>
/// One <see cref="NpgsqlDataSource"/> per configured connection name (<c>ConnectionStrings:{name}</c>),
/// shared by the health checks, the idempotency store and the key ring; disposed with the host.
/// </summary>
public sealed class PostgresDataSources(IConfiguration configuration) : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, Lazy<NpgsqlDataSource>> _sources = new(StringComparer.Ordinal);

    public NpgsqlDataSource Get(string connectionName) =>
        _sources.GetOrAdd(connectionName, name => new Lazy<NpgsqlDataSource>(() => Create(name))).Value;

    public async ValueTask DisposeAsync()
    {
        foreach (var source in _sources.Values.Where(s => s.IsValueCreated))
        {
            await source.Value.DisposeAsync();
        }
    }

    private NpgsqlDataSource Create(string connectionName) =>
        NpgsqlDataSource.Create(configuration.GetPlatformConnectionString(connectionName));
}

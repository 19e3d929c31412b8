using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using StackExchange.Redis;

namespace PartnerPlatform.ServiceDefaults;

/// <summary>
/// Connects the process's multiplexer while the host starts, before the server takes requests.
/// Created lazily instead, the first burst of requests would wait on the connect together (starving
/// the thread pool the connect itself needs) and, with commands failing fast while disconnected,
/// pass the rate limits unchecked.
/// </summary>
internal sealed class RedisConnectionAtStart(IServiceProvider services) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _ = services.GetRequiredService<IConnectionMultiplexer>();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

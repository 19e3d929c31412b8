using System.Diagnostics;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly.CircuitBreaker;
using Yarp.ReverseProxy;

namespace Gateway.Downstream;

/// <summary>
/// The services behind the gateway — one per cluster of <c>ReverseProxy:Clusters</c> — and the
/// calls the gateway makes to them itself (health, error catalogues), each bounded by
/// <see cref="GatewayOptions.DownstreamCallTimeout"/>. Addresses are the clusters' destinations,
/// so these calls go where the routes go.
/// </summary>
internal sealed class DownstreamServices(
    IConfiguration configuration,
    IProxyStateLookup proxyState,
    IHttpClientFactory httpClients,
    IOptionsMonitor<GatewayOptions> options,
    ILogger<DownstreamServices> logger)
{
    public const string HttpClientName = "downstream";

    /// <summary>
    /// The standard resilience pipeline, narrowed to what these calls need: a failed connection is
    /// tried once more, but a status a service answered is reported as it is (an unhealthy 503 is
    /// news, not a fault to retry); each call is still bounded by <see cref="GatewayOptions.DownstreamCallTimeout"/>.
    /// </summary>
    public static void ConfigureResilience(HttpStandardResilienceOptions resilience)
    {
        resilience.Retry.MaxRetryAttempts = 1;
        resilience.Retry.Delay = TimeSpan.FromMilliseconds(50);
        resilience.Retry.ShouldHandle = attempt => ValueTask.FromResult(attempt.Outcome.Exception is HttpRequestException);
        resilience.CircuitBreaker.ShouldHandle = attempt => ValueTask.FromResult(attempt.Outcome.Exception is HttpRequestException);
    }

    public IReadOnlyList<string> Names { get; } = ServiceNames(configuration);

    public static IReadOnlyList<string> ServiceNames(IConfiguration configuration) =>
        [.. configuration.GetSection("ReverseProxy:Clusters").GetChildren().Select(c => c.Key)];

    /// <summary>GET <paramref name="path"/> on every service at once.</summary>
    public Task<DownstreamReply[]> GetFromAllAsync(string path, CancellationToken cancellationToken) =>
        Task.WhenAll(Names.Select(name => GetAsync(name, path, cancellationToken)));

    public async Task<DownstreamReply> GetAsync(string service, string path, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        if (BaseAddress(service) is not { } address)
        {
            return new DownstreamReply(service, DownstreamOutcome.NotConfigured, null, null, TimeSpan.Zero);
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.CurrentValue.DownstreamCallTimeout);
        try
        {
            using var response = await httpClients.CreateClient(HttpClientName).GetAsync(new Uri(address, path.TrimStart('/')), timeout.Token);
            var body = await response.Content.ReadAsStringAsync(timeout.Token);
            return new DownstreamReply(service, DownstreamOutcome.Answered, (int)response.StatusCode, body, Stopwatch.GetElapsedTime(started));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new DownstreamReply(service, DownstreamOutcome.TimedOut, null, null, Stopwatch.GetElapsedTime(started));
        }
        catch (Exception ex) when (ex is HttpRequestException or BrokenCircuitException)
        {
            logger.LogDebug(ex, "{Service} did not answer GET {Path}", service, path);
            return new DownstreamReply(service, DownstreamOutcome.Unreachable, null, null, Stopwatch.GetElapsedTime(started));
        }
    }

    private Uri? BaseAddress(string service)
    {
        if (!proxyState.TryGetCluster(service, out var cluster))
        {
            return null;
        }

        var address = cluster.Destinations.Values.Select(d => d.Model.Config.Address).FirstOrDefault();
        return address is null ? null : new Uri(address.EndsWith('/') ? address : address + "/");
    }
}

public enum DownstreamOutcome
{
    Answered,
    NotConfigured,
    TimedOut,
    Unreachable,
}

public sealed record DownstreamReply(string Service, DownstreamOutcome Outcome, int? StatusCode, string? Body, TimeSpan Duration);

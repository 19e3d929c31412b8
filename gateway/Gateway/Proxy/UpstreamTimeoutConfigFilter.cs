using Microsoft.Extensions.Options;
using Yarp.ReverseProxy.Configuration;

namespace Gateway.Proxy;

/// <summary>
/// Clusters without their own activity timeout get <see cref="GatewayOptions.UpstreamTimeout"/>.
/// Destinations are not touched here: they name services (<c>http://identity-api</c>) and service
/// discovery resolves them.
/// </summary>
internal sealed class UpstreamTimeoutConfigFilter(IOptions<GatewayOptions> options) : IProxyConfigFilter
{
    public ValueTask<ClusterConfig> ConfigureClusterAsync(ClusterConfig cluster, CancellationToken cancel)
    {
        var httpRequest = cluster.HttpRequest ?? new();
        return ValueTask.FromResult(cluster with
        {
            HttpRequest = httpRequest with { ActivityTimeout = httpRequest.ActivityTimeout ?? options.Value.UpstreamTimeout },
        });
    }

    public ValueTask<RouteConfig> ConfigureRouteAsync(RouteConfig route, ClusterConfig? cluster, CancellationToken cancel) =>
        ValueTask.FromResult(route);
}

using Microsoft.Extensions.Options;
using Yarp.ReverseProxy.Configuration;

namespace Gateway.Proxy;

/// <summary>
/// Fills each cluster's destination from Aspire's service configuration
/// (<c>services:{cluster id}:http:0</c>, then <c>https:0</c>), so the route table names services,
/// never addresses. A cluster whose service is not configured keeps no destination: its routes
/// answer 503 <c>GW.0503</c> instead of the gateway failing at start. Clusters without their own
/// activity timeout get <see cref="GatewayOptions.UpstreamTimeout"/>.
/// </summary>
internal sealed class ServiceAddressConfigFilter(IConfiguration configuration, IOptions<GatewayOptions> options) : IProxyConfigFilter
{
    public const string DestinationName = "primary";

    public ValueTask<ClusterConfig> ConfigureClusterAsync(ClusterConfig cluster, CancellationToken cancel)
    {
        var destinations = cluster.Destinations;
        if (destinations is null || destinations.Count == 0)
        {
            var address = ServiceAddress(configuration, cluster.ClusterId);
            destinations = address is null
                ? new Dictionary<string, DestinationConfig>()
                : new Dictionary<string, DestinationConfig> { [DestinationName] = new() { Address = address } };
        }

        var httpRequest = cluster.HttpRequest ?? new();
        return ValueTask.FromResult(cluster with
        {
            Destinations = destinations,
            HttpRequest = httpRequest with { ActivityTimeout = httpRequest.ActivityTimeout ?? options.Value.UpstreamTimeout },
        });
    }

    public ValueTask<RouteConfig> ConfigureRouteAsync(RouteConfig route, ClusterConfig? cluster, CancellationToken cancel) =>
        ValueTask.FromResult(route);

    public static string? ServiceAddress(IConfiguration configuration, string service)
    {
        var address = configuration[$"services:{service}:http:0"];
        if (string.IsNullOrWhiteSpace(address))
        {
            address = configuration[$"services:{service}:https:0"];
        }

        return string.IsNullOrWhiteSpace(address) ? null : address.Trim();
    }
}

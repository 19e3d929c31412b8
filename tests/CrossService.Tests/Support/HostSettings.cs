using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace CrossService.Tests.Support;

/// <summary>What the fixtures that host several services on loopback share.</summary>
internal static class HostSettings
{
    /// <summary>The settings every host shares, overridden by the host's own.</summary>
    public static Dictionary<string, string?> With(Dictionary<string, string?> common, Dictionary<string, string?> own)
    {
        var all = new Dictionary<string, string?>(common);
        foreach (var (key, value) in own)
        {
            all[key] = value;
        }

        return all;
    }

    public static async Task WaitForBusAsync(IServiceProvider services)
    {
        var health = await services.GetRequiredService<IBusControl>().WaitForHealthStatus(BusHealthStatus.Healthy, TimeSpan.FromSeconds(60));
        if (health != BusHealthStatus.Healthy)
        {
            throw new InvalidOperationException("A bus did not become healthy: " + health);
        }
    }
}

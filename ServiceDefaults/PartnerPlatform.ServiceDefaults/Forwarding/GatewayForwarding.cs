using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace PartnerPlatform.ServiceDefaults;

/// <summary>
/// Behind the gateway every request comes from the gateway's address. The gateway drops any
/// <c>X-Forwarded-*</c> a client sends and sets its own, so a service takes the client's address
/// (and scheme) from those headers when, and only when, the request comes from a trusted proxy:
/// loopback, plus the addresses in <c>ForwardedHeaders:KnownProxies</c> and the networks in
/// <c>ForwardedHeaders:KnownNetworks</c> (CIDR). The per-address rate limits then count clients, not
/// the gateway. Only the last hop is read (<c>ForwardLimit</c> 1).
/// </summary>
public static class GatewayForwarding
{
    public const string SectionName = "ForwardedHeaders";

    public static void AddGatewayForwarding(this IHostApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection(SectionName);
        var proxies = section.GetSection("KnownProxies").Get<string[]>() ?? [];
        var networks = section.GetSection("KnownNetworks").Get<string[]>() ?? [];
        builder.Services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            options.ForwardLimit = 1;
            foreach (var proxy in proxies)
            {
                options.KnownProxies.Add(IPAddress.TryParse(proxy, out var address)
                    ? address
                    : throw new InvalidOperationException($"{SectionName}:KnownProxies entry '{proxy}' is not an IP address."));
            }

            foreach (var network in networks)
            {
                options.KnownIPNetworks.Add(System.Net.IPNetwork.TryParse(network, out var parsed)
                    ? parsed
                    : throw new InvalidOperationException($"{SectionName}:KnownNetworks entry '{network}' is not a CIDR network."));
            }
        });
    }

    public static IApplicationBuilder UseGatewayForwarding(this IApplicationBuilder app) => app.UseForwardedHeaders();
}

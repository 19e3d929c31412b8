using System.Net.Sockets;
using Microsoft.Extensions.Options;
using SubscriptionFiles.Api.Application;

namespace SubscriptionFiles.Api.Infrastructure;

/// <summary>
/// The HttpClient deliveries are sent with: no redirects, no proxy, a request and a connect timeout,
/// and a connect callback that dials only addresses the SSRF rules allow, resolved at that moment.
/// </summary>
public static class WebhookHttpClient
{
    public const string Name = "webhooks";

    public static IServiceCollection AddWebhookHttpClient(this IServiceCollection services)
    {
        services.AddHttpClient(Name, (provider, client) =>
            {
                client.Timeout = provider.GetRequiredService<IOptions<WebhooksOptions>>().Value.RequestTimeout;
                client.DefaultRequestHeaders.UserAgent.ParseAdd("PartnerPlatform-Webhooks/1.0");
            })
            .ConfigurePrimaryHttpMessageHandler(provider =>
            {
                var rules = provider.GetRequiredService<WebhookAddressRules>();
                return new SocketsHttpHandler
                {
                    AllowAutoRedirect = false,
                    UseProxy = false,
                    UseCookies = false,
                    ConnectTimeout = provider.GetRequiredService<IOptions<WebhooksOptions>>().Value.ConnectTimeout,
                    PooledConnectionLifetime = TimeSpan.FromMinutes(2),
                    ConnectCallback = (context, cancellationToken) => ConnectAsync(rules, context, cancellationToken),
                };
            });
        return services;
    }

    private static async ValueTask<Stream> ConnectAsync(WebhookAddressRules rules, SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var addresses = await rules.AddressesToDialAsync(context.DnsEndPoint.Host, cancellationToken);
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(addresses, context.DnsEndPoint.Port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}

using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace Gateway.Tests.Support;

/// <summary>
/// The gateway exactly as Program.cs builds it (<c>AddGatewayServices</c>, <c>UseGateway</c>,
/// <c>MapGatewayEndpoints</c>) on a real socket at 127.0.0.1:0, configured from its own
/// appsettings.json plus the given settings only — never from the machine's environment.
/// </summary>
internal sealed class GatewayHost : IAsyncDisposable
{
    private GatewayHost(WebApplication app) => App = app;

    public WebApplication App { get; }

    public Uri Address => new(App.Urls.First());

    public static async Task<GatewayHost> StartAsync(IDictionary<string, string?> settings)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            EnvironmentName = "Production",
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: false);
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");

        builder.AddGatewayServices();
        var app = builder.Build();
        app.UseGateway();
        app.MapGatewayEndpoints();
        await app.StartAsync();
        return new GatewayHost(app);
    }

    /// <summary>
    /// A client of this gateway, with a bearer token when given one, connecting from
    /// <paramref name="sourceAddress"/> (any 127.x.y.z address is local on Linux) when given one.
    /// </summary>
    public HttpClient CreateClient(string? token = null, IPAddress? sourceAddress = null)
    {
        // An outside caller: no trace context of the test process (whose gateways record HTTP
        // client spans) is added to what the test sends.
        var handler = new SocketsHttpHandler { AllowAutoRedirect = false, ActivityHeadersPropagator = null };
        if (sourceAddress is not null)
        {
            handler.ConnectCallback = async (context, cancellationToken) =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    socket.Bind(new IPEndPoint(sourceAddress, 0));
                    await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            };
        }

        var client = new HttpClient(handler) { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(30) };
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return client;
    }

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
    }
}

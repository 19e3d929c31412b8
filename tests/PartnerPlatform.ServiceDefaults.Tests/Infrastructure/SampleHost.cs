using System.Net.Http.Headers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace PartnerPlatform.ServiceDefaults.Tests.Infrastructure;

/// <summary>
/// A tiny service built the way every service is (<c>AddServiceDefaults</c> … <c>MapDefaultEndpoints</c>),
/// on the in-memory test server or, with <c>kestrel: true</c>, on a real socket at 127.0.0.1:0.
/// Configuration comes only from the given settings, never from the machine's environment.
/// </summary>
internal sealed class SampleHost : IAsyncDisposable
{
    private SampleHost(WebApplication app, HttpClient client)
    {
        App = app;
        Client = client;
    }

    public WebApplication App { get; }

    public HttpClient Client { get; }

    public IServiceProvider Services => App.Services;

    public static async Task<SampleHost> StartAsync(
        IDictionary<string, string?>? settings = null,
        Action<WebApplicationBuilder>? configure = null,
        Action<WebApplication>? map = null,
        bool kestrel = false)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["OTEL_SERVICE_NAME"] = "sample-api" });
        builder.Configuration.AddInMemoryCollection(TestTokens.Settings);
        builder.Configuration.AddInMemoryCollection(settings ?? new Dictionary<string, string?>());
        builder.Logging.ClearProviders();
        if (kestrel)
        {
            builder.WebHost.UseUrls("http://127.0.0.1:0");
        }
        else
        {
            builder.WebHost.UseTestServer();
        }

        builder.AddServiceDefaults();
        configure?.Invoke(builder);

        var app = builder.Build();
        app.MapDefaultEndpoints();
        map?.Invoke(app);
        await app.StartAsync();

        var client = kestrel
            ? new HttpClient { BaseAddress = new Uri(app.Urls.First()) }
            : app.GetTestClient();
        return new SampleHost(app, client);
    }

    /// <summary>A bearer token for <paramref name="caller"/>, signed with the test key on this host's clock.</summary>
    public string IssueToken(CurrentCaller caller, TimeSpan? lifetime = null) =>
        TestTokens.For(caller, Services.GetRequiredService<TimeProvider>().GetUtcNow(), lifetime);

    public HttpClient CreateClient(CurrentCaller caller)
    {
        var client = App.GetTestServerOrNull() is { } server ? server.CreateClient() : new HttpClient { BaseAddress = Client.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", IssueToken(caller));
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
    }
}

internal static class TestServerLookup
{
    public static TestServer? GetTestServerOrNull(this WebApplication app) =>
        app.Services.GetService<Microsoft.AspNetCore.Hosting.Server.IServer>() as TestServer;
}

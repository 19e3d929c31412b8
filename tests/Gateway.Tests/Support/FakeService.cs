using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Gateway.Tests.Support;

/// <summary>
/// A stand-in for one platform service on 127.0.0.1 and an ephemeral port: echoes every request it
/// receives (service name, method, path, query, headers, body length) and serves the endpoints the
/// gateway calls itself — <c>/health</c>, <c>/v2/reference/error-codes</c>, <c>/openapi/v1.json</c>.
/// On any echoed path, <c>?delay_ms=N</c> makes it answer late and <c>?status=N</c> (with <c>&amp;empty</c>
/// for no body) makes it answer that status itself.
/// </summary>
internal sealed class FakeService : IAsyncDisposable
{
    private readonly WebApplication _app;

    private FakeService(string name, WebApplication app)
    {
        Name = name;
        _app = app;
    }

    public string Name { get; }

    public Uri Address => new(_app.Urls.First());

    /// <summary>The service's own error code, next to the generic CBC.0100 every fake serves.</summary>
    public string OwnErrorCode => OwnErrorCodeOf(Name);

    public ConcurrentQueue<EchoedRequest> Received { get; } = new();

    public TimeSpan HealthDelay { get; set; }

    public string HealthStatus { get; set; } = "healthy";

    public static async Task<FakeService> StartAsync(string name)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var service = new FakeService(name, app);

        app.MapGet("/health", async (HttpContext context) =>
        {
            await Task.Delay(service.HealthDelay, context.RequestAborted);
            context.Response.StatusCode = service.HealthStatus == "unhealthy" ? 503 : 200;
            await context.Response.WriteAsJsonAsync(new { status = service.HealthStatus, checks = Array.Empty<object>() });
        });
        app.MapGet("/v2/reference/error-codes", () => Results.Json(new
        {
            error_codes = new object[]
            {
                new { error_code = "CBC.0100", status = 400, title = "Invalid parameter", error_msg = "The request contains an invalid parameter." },
                new { error_code = service.OwnErrorCode, status = 409, title = "Conflict in " + name, error_msg = "Something only " + name + " says." },
            },
        }));
        // Like the services' own documents, which name the server from the request's scheme and Host.
        app.MapGet("/openapi/v1.json", (HttpContext context) => Results.Json(new
        {
            openapi = "3.1.1",
            info = new { title = name, version = "v1" },
            servers = new[] { new { url = $"{context.Request.Scheme}://{context.Request.Host}/" } },
            paths = new { },
        }));
        app.Map("/{**path}", async (HttpContext context) =>
        {
            var bodyLength = 0L;
            var buffer = new byte[16 * 1024];
            int read;
            while ((read = await context.Request.Body.ReadAsync(buffer, context.RequestAborted)) > 0)
            {
                bodyLength += read;
            }

            if (int.TryParse(context.Request.Query["delay_ms"], NumberStyles.None, CultureInfo.InvariantCulture, out var delay))
            {
                await Task.Delay(delay, context.RequestAborted);
            }

            if (int.TryParse(context.Request.Query["status"], NumberStyles.None, CultureInfo.InvariantCulture, out var status))
            {
                // An answer of the service's own: the gateway must pass it through as it is.
                return context.Request.Query.ContainsKey("empty")
                    ? Results.StatusCode(status)
                    : Results.Json(new { error_code = OwnErrorCodeOf(name), status }, statusCode: status);
            }

            var echoed = new EchoedRequest(
                name,
                context.Request.Method,
                context.Request.Path.Value ?? "",
                context.Request.QueryString.Value ?? "",
                context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
                bodyLength);
            service.Received.Enqueue(echoed);
            return Results.Json(echoed);
        });

        await app.StartAsync();
        return service;
    }

    private static string OwnErrorCodeOf(string name) => "TEST." + name;

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

public sealed record EchoedRequest(
    string Service, string Method, string Path, string Query, Dictionary<string, string> Headers, long BodyLength);

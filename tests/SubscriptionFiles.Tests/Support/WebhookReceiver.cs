using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace SubscriptionFiles.Tests.Support;

/// <summary>A request as the receiver saw it: the webhook headers and the raw body.</summary>
public sealed record ReceivedWebhook(string Path, string EventId, string DeliveryId, string EventType, long Timestamp, string Signature, string Body);

/// <summary>
/// A partner's system: a real Kestrel server on 127.0.0.1 that records every request and answers with
/// the next status of its script (the last one repeats), after an optional delay.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ReceivedWebhook> _received = new();
    private readonly int[] _script;
    private int _calls;

    private WebhookReceiver(WebApplication app, int[] script)
    {
        _app = app;
        _script = script;
    }

    public Uri Url { get; private set; } = null!;

    public IReadOnlyList<ReceivedWebhook> Received => [.. _received];

    public TimeSpan Delay { get; init; }

    /// <summary>Starts a receiver answering <paramref name="statuses"/> in turn (default: always 200).</summary>
    public static async Task<WebhookReceiver> StartAsync(params int[] statuses) => await StartAsync(TimeSpan.Zero, statuses);

    public static async Task<WebhookReceiver> StartAsync(TimeSpan delay, params int[] statuses)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        var app = builder.Build();
        var receiver = new WebhookReceiver(app, statuses.Length == 0 ? [200] : statuses) { Delay = delay };
        app.Map("/{**path}", receiver.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        receiver.Url = new Uri(new Uri(address), "/hooks");
        return receiver;
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync();
        var headers = context.Request.Headers;
        _received.Enqueue(new ReceivedWebhook(
            context.Request.Path, headers["Webhook-Id"].ToString(), headers["Webhook-Delivery-Id"].ToString(), headers["Webhook-Event-Type"].ToString(),
            long.TryParse(headers["Webhook-Timestamp"], out var timestamp) ? timestamp : 0, headers["Webhook-Signature"].ToString(), body));
        if (Delay > TimeSpan.Zero)
        {
            await Task.Delay(Delay);
        }

        var call = Interlocked.Increment(ref _calls) - 1;
        var status = _script[Math.Min(call, _script.Length - 1)];
        context.Response.StatusCode = status;
        if (status is >= 300 and < 400)
        {
            context.Response.Headers.Location = "/elsewhere";
        }

        await context.Response.WriteAsync(status < 300 ? "received" : $"receiver says no ({status})");
    }

    /// <summary>Verifies as a receiver would: HMAC-SHA256 of "timestamp.body" with the secret, compared with each v1 signature of the header.</summary>
    public static bool SignedBy(ReceivedWebhook webhook, string secret)
    {
        var expected = "v1=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{webhook.Timestamp}.{webhook.Body}")));
        return webhook.Signature.Split(',', StringSplitOptions.TrimEntries)
            .Any(candidate => CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(candidate), Encoding.ASCII.GetBytes(expected)));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

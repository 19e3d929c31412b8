using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CrossService.Tests.Support;

/// <summary>A webhook request as the partner's system received it: its headers and raw body.</summary>
public sealed record WebhookRequest(string EventId, string DeliveryId, string EventType, string Timestamp, string Signature, string Body)
{
    /// <summary>Verified as the subscription-files README tells receivers: HMAC-SHA256 of "timestamp.body" keyed with the secret, against each v1 entry.</summary>
    public bool IsSignedWith(string secret)
    {
        var expected = Encoding.ASCII.GetBytes("v1=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(Timestamp + "." + Body))));
        return Signature.Split(',', StringSplitOptions.TrimEntries).Any(entry => CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(entry), expected));
    }
}

/// <summary>
/// A partner's own system receiving webhooks: a real Kestrel server on 127.0.0.1 that records each
/// request and answers the statuses of its script in turn (the last one repeats).
/// </summary>
public sealed class PartnerSystem : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly int[] _statuses;
    private readonly ConcurrentQueue<WebhookRequest> _received = new();
    private int _calls;

    private PartnerSystem(WebApplication app, int[] statuses)
    {
        _app = app;
        _statuses = statuses;
    }

    public Uri Url { get; private set; } = null!;

    public IReadOnlyList<WebhookRequest> Received => [.. _received];

    public static async Task<PartnerSystem> StartAsync(params int[] statuses)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        var app = builder.Build();
        var system = new PartnerSystem(app, statuses.Length == 0 ? [200] : statuses);
        app.MapPost("/erp/webhooks", system.ReceiveAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        system.Url = new Uri(new Uri(address), "/erp/webhooks");
        return system;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task ReceiveAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync();
        var headers = context.Request.Headers;
        _received.Enqueue(new WebhookRequest(
            headers["Webhook-Id"].ToString(), headers["Webhook-Delivery-Id"].ToString(), headers["Webhook-Event-Type"].ToString(),
            headers["Webhook-Timestamp"].ToString(), headers["Webhook-Signature"].ToString(), body));
        var call = Interlocked.Increment(ref _calls) - 1;
        context.Response.StatusCode = _statuses[Math.Min(call, _statuses.Length - 1)];
        await context.Response.WriteAsync(context.Response.StatusCode < 300 ? "received" : "not now");
    }
}

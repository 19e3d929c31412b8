using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MassTransit;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using PartnerPlatform.Testing;

namespace SubscriptionFiles.Tests.Support;

/// <summary>
/// subscription-files-api in the test configuration of webhooks: loopback receivers allowed
/// (<c>Webhooks:AllowLoopback</c>), the sender polling every 100 ms, retries from 300 ms, pause after
/// three failed deliveries. SSRF refusals are proven on <see cref="SubscriptionFilesApiFactory"/>,
/// whose webhooks keep the production defaults.
/// </summary>
public sealed class WebhooksApiFactory : SubscriptionFilesApiFactory
{
    public const int PauseAfter = 3;

    protected override void ConfigureService(IWebHostBuilder builder)
    {
        base.ConfigureService(builder);
        builder.UseSetting("Webhooks:AllowLoopback", "true");
        builder.UseSetting("Webhooks:PollInterval", "00:00:00.100");
        builder.UseSetting("Webhooks:RetryBaseDelay", "00:00:00.300");
        builder.UseSetting("Webhooks:RetryMaxDelay", "00:00:02");
        builder.UseSetting("Webhooks:PauseAfterFailedDeliveries", PauseAfter.ToString());
        builder.UseSetting("Webhooks:RequestTimeout", "00:00:05");
        builder.UseSetting("Webhooks:BatchSize", "5");
    }

    /// <summary>Registers an endpoint for <paramref name="partnerId"/>; returns its id and secret.</summary>
    public async Task<(Guid Id, string Secret)> RegisterWebhookAsync(Guid partnerId, Uri url, params string[] eventTypes)
    {
        using var client = Partner(partnerId);
        var created = await ProblemAssert.IsSuccess(
            await client.PostAsJsonAsync("/v2/partners/webhooks", new { url = url.ToString(), event_types = eventTypes, description = "ERP" }),
            HttpStatusCode.Created);
        return (created.GetProperty("id").GetGuid(), created.GetProperty("secret").GetString()!);
    }

    /// <summary>Publishes with a chosen message id, as an outbox relay does (a second publish with the same id is a redelivery).</summary>
    public Task PublishAsync<T>(T message, Guid messageId)
        where T : class => Services.GetRequiredService<IBus>().Publish(message, context => context.MessageId = messageId);

    public async Task<JsonElement> DeliveriesAsync(Guid partnerId, Guid webhookId)
    {
        using var client = Partner(partnerId);
        return await ProblemAssert.IsSuccess(await client.GetAsync($"/v2/partners/webhooks/{webhookId}/deliveries"));
    }
}

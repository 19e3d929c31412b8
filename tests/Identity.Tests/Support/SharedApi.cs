using System.Net.Http.Json;
using System.Text.Json;

namespace Identity.Tests.Support;

/// <summary>
/// One identity-api for the test classes of the <see cref="Name"/> collection (they run one after
/// another). Tests there never move the clock: each creates its own partners and customers.
/// </summary>
public sealed class SharedApi : IAsyncLifetime
{
    public const string Name = "Shared identity-api";

    public IdentityApiFactory Factory { get; } = new();

    public Scenario Api => Factory.Api;

    public Task InitializeAsync() => Factory.InitializeAsync();

    public Task DisposeAsync() => ((IAsyncLifetime)Factory).DisposeAsync();

    /// <summary>Outbox rows of the event type that mention the id.</summary>
    public Task<int> CountOutboxAsync(string eventName, Guid mentioned) => Factory.CountOutboxAsync(eventName, mentioned);

    /// <summary>A fresh queue bound to a MassTransit message exchange (declared here if the bus has not yet).</summary>
    public async Task<string> BindQueueAsync(string exchange)
    {
        var management = Factory.RabbitMq.Management;
        var vhost = Uri.EscapeDataString(Factory.RabbitMq.VirtualHost);
        var queue = "probe-" + Guid.NewGuid().ToString("N")[..12];
        (await management.PutAsJsonAsync($"api/exchanges/{vhost}/{Uri.EscapeDataString(exchange)}", new { type = "fanout", durable = true }))
            .EnsureSuccessStatusCode();
        (await management.PutAsJsonAsync($"api/queues/{vhost}/{queue}", new { durable = false, auto_delete = false })).EnsureSuccessStatusCode();
        (await management.PostAsJsonAsync($"api/bindings/{vhost}/e/{Uri.EscapeDataString(exchange)}/q/{queue}", new { routing_key = "" }))
            .EnsureSuccessStatusCode();
        return queue;
    }

    /// <summary>How many messages in the queue mention <paramref name="text"/> (peeked, left in the queue).</summary>
    public async Task<int> CountMessagesWithAsync(string queue, string text)
    {
        var vhost = Uri.EscapeDataString(Factory.RabbitMq.VirtualHost);
        using var response = await Factory.RabbitMq.Management.PostAsJsonAsync(
            $"api/queues/{vhost}/{queue}/get", new { count = 1000, ackmode = "ack_requeue_true", encoding = "auto" });
        response.EnsureSuccessStatusCode();
        var messages = await response.Content.ReadFromJsonAsync<JsonElement>();
        return messages.EnumerateArray().Count(m => m.GetProperty("payload").GetString()!.Contains(text, StringComparison.OrdinalIgnoreCase));
    }
}

[CollectionDefinition(SharedApi.Name)]
public sealed class SharedApiCollection : ICollectionFixture<SharedApi>;

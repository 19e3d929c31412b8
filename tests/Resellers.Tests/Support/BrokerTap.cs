using System.Net.Http.Json;
using System.Text.Json;

namespace Resellers.Tests.Support;

/// <summary>
/// A queue of the test's own bound to an event's exchange on the real broker (management HTTP
/// API), so a test reads exactly what was published, independent of the code under test.
/// </summary>
public sealed class BrokerTap(RabbitMqVirtualHostFixture broker, string exchange)
{
    private readonly string _queue = "tap-" + Guid.NewGuid().ToString("N")[..12];

    private string VirtualHost => Uri.EscapeDataString(broker.VirtualHost);

    /// <summary>MassTransit's exchange name for a message type: <c>Namespace:Type</c>.</summary>
    public static BrokerTap For<TEvent>(RabbitMqVirtualHostFixture broker) =>
        new(broker, $"{typeof(TEvent).Namespace}:{typeof(TEvent).Name}");

    public Task<bool> ExchangeExistsAsync() =>
        Task.Run(async () => (await broker.Management.GetAsync($"api/exchanges/{VirtualHost}/{Uri.EscapeDataString(exchange)}")).IsSuccessStatusCode);

    public async Task BindAsync()
    {
        (await broker.Management.PutAsJsonAsync($"api/queues/{VirtualHost}/{_queue}", new { durable = false, auto_delete = false }))
            .EnsureSuccessStatusCode();
        (await broker.Management.PostAsJsonAsync(
            $"api/bindings/{VirtualHost}/e/{Uri.EscapeDataString(exchange)}/q/{_queue}", new { routing_key = "" }))
            .EnsureSuccessStatusCode();
    }

    public Task<int> CountAsync() => broker.CountMessagesAsync(_queue);

    /// <summary>Takes every message from the queue; returns the event bodies (MassTransit's envelope unwrapped).</summary>
    public async Task<List<JsonElement>> DrainAsync()
    {
        var response = await broker.Management.PostAsJsonAsync(
            $"api/queues/{VirtualHost}/{_queue}/get", new { count = 10_000, ackmode = "ack_requeue_false", encoding = "auto" });
        response.EnsureSuccessStatusCode();
        var messages = await response.Content.ReadFromJsonAsync<JsonElement>();
        return [.. messages.EnumerateArray().Select(m => JsonDocument.Parse(m.GetProperty("payload").GetString()!).RootElement.GetProperty("message"))];
    }

    public async Task DeleteAsync() =>
        await broker.Management.DeleteAsync($"api/queues/{VirtualHost}/{_queue}");
}

using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using Xunit;

namespace PartnerPlatform.Testing;

/// <summary>
/// A fresh RabbitMQ virtual host on the private broker for one test class, deleted afterwards.
/// <see cref="Management"/> talks to the broker's management HTTP API (queue depths, error queues).
/// </summary>
public class RabbitMqVirtualHostFixture : IAsyncLifetime
{
    public string VirtualHost { get; } = "test-" + Guid.NewGuid().ToString("N")[..20];

    /// <summary>AMQP URI of the fresh virtual host, in the form of <c>ConnectionStrings__eventbus</c>.</summary>
    public Uri ConnectionUri { get; private set; } = null!;

    public HttpClient Management { get; } = CreateManagementClient();

    public virtual async Task InitializeAsync()
    {
        var env = ServerEnvironment.Current;
        var vhost = Uri.EscapeDataString(VirtualHost);
        try
        {
            (await Management.PutAsync($"api/vhosts/{vhost}", null)).EnsureSuccessStatusCode();
        }
        catch (HttpRequestException ex)
        {
            throw new InvalidOperationException(
                $"The RabbitMQ management API at {env.RabbitMqManagementUrl} does not answer ({ex.Message}). {ServerEnvironment.HowToStart}", ex);
        }

        var permissions = new { configure = ".*", write = ".*", read = ".*" };
        (await Management.PutAsJsonAsync($"api/permissions/{vhost}/{Uri.EscapeDataString(env.RabbitMqManagementUser)}", permissions))
            .EnsureSuccessStatusCode();
        ConnectionUri = new UriBuilder(env.EventBusUri) { Path = "/" + vhost }.Uri;
    }

    /// <summary>Number of messages ready in a queue of this virtual host (0 when it does not exist).</summary>
    public async Task<int> CountMessagesAsync(string queue)
    {
        using var response = await Management.GetAsync($"api/queues/{Uri.EscapeDataString(VirtualHost)}/{Uri.EscapeDataString(queue)}");
        if (response.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return 0;
        }

        response.EnsureSuccessStatusCode();
        var queueInfo = await response.Content.ReadFromJsonAsync<QueueInfo>();
        return queueInfo?.Messages ?? 0;
    }

    public virtual async Task DisposeAsync()
    {
        using var response = await Management.DeleteAsync($"api/vhosts/{Uri.EscapeDataString(VirtualHost)}");
        Management.Dispose();
    }

    private static HttpClient CreateManagementClient()
    {
        var env = ServerEnvironment.Current;
        var client = new HttpClient { BaseAddress = env.RabbitMqManagementUrl, Timeout = TimeSpan.FromSeconds(30) };
        var credentials = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{env.RabbitMqManagementUser}:{env.RabbitMqManagementPassword}"));
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", credentials);
        return client;
    }

    private sealed record QueueInfo(int Messages);
}

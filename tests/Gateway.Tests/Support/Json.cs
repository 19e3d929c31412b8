using System.Net.Http.Json;
using System.Text.Json;

namespace Gateway.Tests.Support;

internal static class Json
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static async Task<EchoedRequest> ReadEchoAsync(this HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"Expected the upstream's echo, got {(int)response.StatusCode}: {body}");
        var echo = JsonSerializer.Deserialize<EchoedRequest>(body, Options)!;
        // Header names are case-insensitive; the forwarding client writes some in its own casing (X-Request-ID).
        return echo with { Headers = new Dictionary<string, string>(echo.Headers, StringComparer.OrdinalIgnoreCase) };
    }

    public static async Task<JsonElement> ReadJsonAsync(this HttpResponseMessage response) =>
        await response.Content.ReadFromJsonAsync<JsonElement>();
}

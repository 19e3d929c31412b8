using System.Net.Http.Json;
using PartnerPlatform.ServiceDefaults;

namespace PartnerPlatform.Testing;

/// <summary>Requests as a client of the platform sends them.</summary>
public static class JsonRequests
{
    /// <summary>
    /// <paramref name="body"/> as snake_case JSON through the platform's options (an <see cref="HttpContent"/>
    /// as it is), with an <c>Idempotency-Key</c> and an <c>If-Match</c> when given.
    /// </summary>
    public static async Task<HttpResponseMessage> SendJsonAsync(
        this HttpClient client, HttpMethod method, string path, object? body, string? idempotencyKey = null, string? ifMatch = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = body as HttpContent ?? JsonContent.Create(body, body.GetType(), options: PlatformJson.Options);
        }

        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return await client.SendAsync(request);
    }
}

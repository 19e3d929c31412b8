using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using PartnerPlatform.ServiceDefaults;

namespace Coupons.Tests.Support;

/// <summary>The API as a client sees it: snake_case JSON, a bearer token, problem details.</summary>
public sealed class ApiClient(HttpClient http, string? token) : IDisposable
{
    public HttpClient Http => http;

    public Task<HttpResponseMessage> PostAsync(string path, object? body, string? idempotencyKey = null, string? ifMatch = null) =>
        SendAsync(HttpMethod.Post, path, body, idempotencyKey, ifMatch);

    public Task<HttpResponseMessage> PutAsync(string path, object? body, string? ifMatch = null) =>
        SendAsync(HttpMethod.Put, path, body, null, ifMatch);

    public Task<HttpResponseMessage> GetAsync(string path) => SendAsync(HttpMethod.Get, path, null, null, null);

    /// <summary>POST with a fresh Idempotency-Key.</summary>
    public Task<HttpResponseMessage> PostIdempotentAsync(string path, object? body) => PostAsync(path, body, Guid.NewGuid().ToString("N"));

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, object? body, string? idempotencyKey, string? ifMatch)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = body as HttpContent ?? JsonContent.Create(body, body.GetType(), options: PlatformJson.Options);
        }

        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return await http.SendAsync(request);
    }

    public void Dispose() => http.Dispose();
}

/// <summary>Reading answers of batch calls.</summary>
public static class ResponseAssertions
{
    public static string[] ErrorCodes(this JsonElement batch) =>
        [.. batch.GetProperty("error_details").EnumerateArray().Select(e => e.GetProperty("error_code").GetString()!)];
}

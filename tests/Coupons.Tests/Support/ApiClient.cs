using System.Net.Http.Headers;
using System.Text.Json;

namespace Coupons.Tests.Support;

/// <summary>The API as a client sees it: snake_case JSON, a bearer token, problem details.</summary>
public sealed class ApiClient(HttpClient http, string? token) : IDisposable
{
    private readonly HttpClient _http = WithBearer(http, token);

    public HttpClient Http => _http;

    public Task<HttpResponseMessage> PostAsync(string path, object? body, string? idempotencyKey = null, string? ifMatch = null) =>
        SendAsync(HttpMethod.Post, path, body, idempotencyKey, ifMatch);

    public Task<HttpResponseMessage> PutAsync(string path, object? body, string? ifMatch = null) =>
        SendAsync(HttpMethod.Put, path, body, null, ifMatch);

    public Task<HttpResponseMessage> GetAsync(string path) => SendAsync(HttpMethod.Get, path, null, null, null);

    /// <summary>POST with a fresh Idempotency-Key.</summary>
    public Task<HttpResponseMessage> PostIdempotentAsync(string path, object? body) => PostAsync(path, body, Guid.NewGuid().ToString("N"));

    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, object? body, string? idempotencyKey, string? ifMatch) =>
        _http.SendJsonAsync(method, path, body, idempotencyKey, ifMatch);

    public void Dispose() => _http.Dispose();

    private static HttpClient WithBearer(HttpClient http, string? token)
    {
        if (token is not null)
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return http;
    }
}

/// <summary>Reading answers of batch calls.</summary>
public static class ResponseAssertions
{
    public static string[] ErrorCodes(this JsonElement batch) =>
        [.. batch.GetProperty("error_details").EnumerateArray().Select(e => e.GetProperty("error_code").GetString()!)];
}

using System.Net;
using System.Text.Json;
using PartnerPlatform.Testing;

namespace Incentives.Tests.Support;

/// <summary>Requests as a client sends them: snake_case JSON through the platform's options.</summary>
public static class Api
{
    /// <summary>POST with a fresh Idempotency-Key, as clients send every create.</summary>
    public static Task<HttpResponseMessage> PostJsonAsync(this HttpClient client, string path, object? body = null, string? idempotencyKey = null) =>
        client.SendJsonAsync(HttpMethod.Post, path, body ?? new { }, idempotencyKey ?? Guid.NewGuid().ToString("N"));

    public static Task<HttpResponseMessage> PutJsonAsync(this HttpClient client, string path, object body) =>
        client.SendJsonAsync(HttpMethod.Put, path, body);

    /// <summary>POST, asserting the status; returns the JSON body.</summary>
    public static async Task<JsonElement> PostOkAsync(this HttpClient client, string path, object? body = null, HttpStatusCode status = HttpStatusCode.OK) =>
        (await ProblemAssert.IsSuccess(await client.PostJsonAsync(path, body), status)).Clone();

    public static async Task<JsonElement> GetOkAsync(this HttpClient client, string path) =>
        (await ProblemAssert.IsSuccess(await client.GetAsync(path))).Clone();

    public static Guid Id(this JsonElement element) => element.GetProperty("id").GetGuid();

    public static string Text(this JsonElement element, string name) => element.GetProperty(name).GetString()!;

    public static decimal Decimal(this JsonElement element, string name) => element.GetProperty(name).GetDecimal();
}

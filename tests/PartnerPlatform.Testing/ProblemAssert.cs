using System.Net;
using System.Text.Json;
using Xunit;

namespace PartnerPlatform.Testing;

/// <summary>Assertions on the platform's answers: RFC 9457 problems with an <c>error_code</c>, or a success body.</summary>
public static class ProblemAssert
{
    /// <summary>Asserts a problem+json answer with <paramref name="status"/> and <paramref name="errorCode"/>; returns its body.</summary>
    public static async Task<JsonElement> IsProblem(this HttpResponseMessage response, HttpStatusCode status, string errorCode)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"Expected {(int)status} {errorCode}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = JsonDocument.Parse(text).RootElement;
        Assert.Equal(errorCode, body.GetProperty("error_code").GetString());
        Assert.Equal((int)status, body.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrEmpty(body.GetProperty("error_msg").GetString()));
        Assert.StartsWith("00-", body.GetProperty("trace_id").GetString());
        Assert.Equal("https://partner-platform/errors/" + errorCode, body.GetProperty("type").GetString());
        return body;
    }

    /// <summary>Asserts a success with <paramref name="status"/>; returns the body (default when empty).</summary>
    public static async Task<JsonElement> IsSuccess(this HttpResponseMessage response, HttpStatusCode status = HttpStatusCode.OK)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"Expected {(int)status}, got {(int)response.StatusCode}: {text}");
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement;
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using PartnerPlatform.ServiceDefaults.Tests.Infrastructure;

namespace PartnerPlatform.ServiceDefaults.Tests;

public sealed class JsonTests : IAsyncLifetime
{
    private SampleHost _host = null!;

    public enum ReviewStatus
    {
        Draft,
        PendingReview,
    }

    public async Task InitializeAsync() => _host = await SampleHost.StartAsync(map: app =>
    {
        var api = app.MapGroup("/v2/samples").AllowAnonymous();
        api.MapGet("/view", () => TypedResults.Ok(new SampleView(
            "s-1", ReviewStatus.PendingReview, new DateTimeOffset(2026, 11, 21, 16, 0, 0, TimeSpan.FromHours(8)), null)));
        api.MapPost("/echo", (EchoRequest request) => TypedResults.Ok(request));
    });

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Responses_use_snake_case_names_snake_case_enums_and_utc_timestamps()
    {
        var text = await _host.Client.GetStringAsync("/v2/samples/view");
        Assert.Equal(
            """{"sample_id":"s-1","review_status":"pending_review","created_at":"2026-11-21T08:00:00Z","closed_at":null}""",
            text);
    }

    [Fact]
    public async Task Fractional_seconds_are_written_only_when_present()
    {
        var value = new DateTimeOffset(2026, 11, 21, 8, 0, 0, 250, TimeSpan.Zero);
        Assert.Equal("\"2026-11-21T08:00:00.25Z\"", JsonSerializer.Serialize(value, PlatformJson.Options));
    }

    [Fact]
    public async Task Requests_are_read_in_snake_case_and_timestamps_with_an_offset_are_converted_to_utc()
    {
        var response = await PostAsync("""{"review_status":"draft","due_at":"2026-11-21T16:00:00+08:00","note":"x"}""");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("draft", body.GetProperty("review_status").GetString());
        Assert.Equal("2026-11-21T08:00:00Z", body.GetProperty("due_at").GetString());
    }

    [Theory]
    [InlineData("""{"review_status":"draft","due_at":"2026-11-21T08:00:00","note":"x"}""", "due_at")]
    [InlineData("""{"review_status":"approved","due_at":"2026-11-21T08:00:00Z","note":"x"}""", "review_status")]
    [InlineData("""{"review_status":0,"due_at":"2026-11-21T08:00:00Z","note":"x"}""", "review_status")]
    [InlineData("""{"review_status":"draft","due_at":"2026-11-21T08:00:00Z","note":null}""", "note")]
    public async Task Unreadable_fields_are_rejected_with_CBC_0100_naming_the_field(string json, string field)
    {
        var body = await ProblemAssert.IsProblem(await PostAsync(json), HttpStatusCode.BadRequest, "CBC.0100");
        Assert.True(body.GetProperty("errors").TryGetProperty(field, out _), body.ToString());
    }

    [Fact]
    public async Task A_missing_required_field_is_rejected_with_CBC_0100()
    {
        await ProblemAssert.IsProblem(await PostAsync("""{"review_status":"draft","due_at":"2026-11-21T08:00:00Z"}"""), HttpStatusCode.BadRequest, "CBC.0100");
    }

    private Task<HttpResponseMessage> PostAsync(string json) =>
        _host.Client.PostAsync("/v2/samples/echo", new StringContent(json, Encoding.UTF8, "application/json"));

    public sealed record SampleView(string SampleId, ReviewStatus ReviewStatus, DateTimeOffset CreatedAt, DateTimeOffset? ClosedAt);

    public sealed record EchoRequest(ReviewStatus ReviewStatus, DateTimeOffset DueAt, string Note);
}

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using PartnerPlatform.ServiceDefaults.Tests.Infrastructure;

namespace PartnerPlatform.ServiceDefaults.Tests;

public sealed class IdempotencyTests(PostgresDatabaseFixture database) : IClassFixture<PostgresDatabaseFixture>, IAsyncLifetime
{
    private readonly ManualTimeProvider _clock = new(new DateTimeOffset(2026, 11, 21, 8, 0, 0, TimeSpan.Zero));
    private readonly TaskCompletionSource _slowStarted = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _executions;
    private SampleHost _host = null!;

    public async Task InitializeAsync() => _host = await SampleHost.StartAsync(
        settings: new Dictionary<string, string?>
        {
            ["ConnectionStrings:samplesdb"] = database.ConnectionString,
            ["Idempotency:WaitTimeout"] = "00:00:05",
        },
        configure: builder =>
        {
            builder.Services.AddSingleton<TimeProvider>(_clock);
            builder.AddIdempotency("samplesdb");
        },
        map: app =>
        {
            app.MapPost("/v2/samples", CreateAsync).WithIdempotency();
            app.MapPost("/v2/samples/{id}/submit", (string id) => TypedResults.Ok(new { id, execution = Interlocked.Increment(ref _executions) }))
                .WithIdempotency();
            app.MapPost("/v2/samples/optional", () => TypedResults.Ok(new { execution = Interlocked.Increment(ref _executions) }))
                .WithIdempotency(required: false);
            app.MapPost("/v2/samples/slow", async () =>
            {
                Interlocked.Increment(ref _executions);
                _slowStarted.TrySetResult();
                await Task.Delay(TimeSpan.FromSeconds(2));
                return TypedResults.Ok();
            }).WithIdempotency();
        });

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task A_repeated_request_gets_the_first_response_without_running_again()
    {
        using var client = _host.CreateClient(Callers.Partner());
        var key = NewKey();

        var first = await PostAsync(client, key, new CreateSample("alpha"));
        var second = await PostAsync(client, key, new CreateSample("alpha"));

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await second.Content.ReadAsStringAsync());
        Assert.Equal(first.Headers.Location, second.Headers.Location);
        Assert.Equal("application/json", second.Content.Headers.ContentType?.MediaType);
        Assert.Equal("true", second.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.False(first.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(1, _executions);
    }

    [Fact]
    public async Task The_same_key_with_a_different_body_is_a_422_with_CBC_0158()
    {
        using var client = _host.CreateClient(Callers.Partner());
        var key = NewKey();
        await PostAsync(client, key, new CreateSample("alpha"));

        await ProblemAssert.IsProblem(await PostAsync(client, key, new CreateSample("beta")), HttpStatusCode.UnprocessableEntity, "CBC.0158");
        Assert.Equal(1, _executions);
    }

    [Fact]
    public async Task Two_concurrent_requests_with_one_key_run_the_work_once()
    {
        using var client = _host.CreateClient(Callers.Partner());
        var key = NewKey();

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => PostAsync(client, key, new CreateSample("race", DelayMs: 300))));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        var ids = await Task.WhenAll(responses.Select(async r => (await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("sample_id").GetString()));
        Assert.Single(ids.Distinct());
        Assert.Equal(1, _executions);
    }

    [Fact]
    public async Task Concurrent_requests_with_one_key_and_different_bodies_run_once_and_the_others_get_CBC_0158()
    {
        using var client = _host.CreateClient(Callers.Partner());
        var key = NewKey();

        var responses = await Task.WhenAll(Enumerable.Range(0, 4).Select(i => PostAsync(client, key, new CreateSample("body-" + i, DelayMs: 200))));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
        Assert.Equal(3, responses.Count(r => r.StatusCode == HttpStatusCode.UnprocessableEntity));
        Assert.Equal(1, _executions);
    }

    [Fact]
    public async Task A_duplicate_that_cannot_wait_for_the_first_gets_a_409_with_a_code()
    {
        await using var impatient = await SampleHost.StartAsync(
            settings: new Dictionary<string, string?>
            {
                ["ConnectionStrings:samplesdb"] = database.ConnectionString,
                ["Idempotency:WaitTimeout"] = "00:00:00.2",
            },
            configure: builder => builder.AddIdempotency("samplesdb"),
            map: app => app.MapPost("/v2/samples/slow", async () =>
            {
                _slowStarted.TrySetResult();
                await Task.Delay(TimeSpan.FromSeconds(2));
                return TypedResults.Ok();
            }).WithIdempotency());
        using var client = impatient.CreateClient(Callers.Partner());
        var key = NewKey();

        var first = PostAsync(client, key, new { }, "/v2/samples/slow");
        await _slowStarted.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var second = await PostAsync(client, key, new { }, "/v2/samples/slow");

        await ProblemAssert.IsProblem(second, HttpStatusCode.Conflict, "CBC.0150");
        Assert.Equal("1", second.Headers.GetValues("Retry-After").Single());
        Assert.Equal(HttpStatusCode.OK, (await first).StatusCode);
    }

    [Fact]
    public async Task Keys_are_scoped_by_partner()
    {
        using var partnerA = _host.CreateClient(Callers.Partner("p-a"));
        using var partnerB = _host.CreateClient(Callers.Partner("p-b"));
        var key = NewKey();

        var a = await PostAsync(partnerA, key, new CreateSample("alpha"));
        var b = await PostAsync(partnerB, key, new CreateSample("alpha"));

        Assert.Equal(HttpStatusCode.Created, a.StatusCode);
        Assert.Equal(HttpStatusCode.Created, b.StatusCode);
        Assert.NotEqual(await a.Content.ReadAsStringAsync(), await b.Content.ReadAsStringAsync());
        Assert.Equal(2, _executions);
    }

    [Fact]
    public async Task Keys_are_scoped_by_route()
    {
        using var client = _host.CreateClient(Callers.Partner());
        var key = NewKey();

        Assert.Equal(HttpStatusCode.Created, (await PostAsync(client, key, new CreateSample("alpha"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(client, key, new CreateSample("alpha"), "/v2/samples/s-1/submit")).StatusCode);
        Assert.Equal(2, _executions);
    }

    [Fact]
    public async Task The_same_key_on_another_resource_of_one_route_is_a_different_request()
    {
        using var client = _host.CreateClient(Callers.Partner());
        var key = NewKey();

        Assert.Equal(HttpStatusCode.OK, (await PostAsync(client, key, new { }, "/v2/samples/s-1/submit")).StatusCode);
        await ProblemAssert.IsProblem(await PostAsync(client, key, new { }, "/v2/samples/s-2/submit"), HttpStatusCode.UnprocessableEntity, "CBC.0158");
    }

    [Fact]
    public async Task A_failed_request_does_not_keep_its_key()
    {
        using var client = _host.CreateClient(Callers.Partner());
        var key = NewKey();

        await ProblemAssert.IsProblem(await PostAsync(client, key, new CreateSample("")), HttpStatusCode.BadRequest, "CBC.0100");
        await ProblemAssert.IsProblem(await PostAsync(client, key, new CreateSample("crash")), HttpStatusCode.InternalServerError, "CBC.0999");
        Assert.Equal(HttpStatusCode.Created, (await PostAsync(client, key, new CreateSample("alpha"))).StatusCode);
        Assert.Equal(3, _executions);
    }

    [Fact]
    public async Task A_request_without_a_key_is_a_400_when_the_key_is_required()
    {
        using var client = _host.CreateClient(Callers.Partner());
        var body = await ProblemAssert.IsProblem(
            await client.PostAsJsonAsync("/v2/samples", new CreateSample("alpha"), PlatformJson.Options), HttpStatusCode.BadRequest, "CBC.0100");
        Assert.True(body.GetProperty("errors").TryGetProperty("idempotency_key", out _));
        Assert.Equal(0, _executions);
    }

    [Theory]
    [InlineData("has space")]
    [InlineData("ключ")]
    public async Task A_malformed_key_is_a_400(string key)
    {
        using var client = _host.CreateClient(Callers.Partner());
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v2/samples") { Content = JsonContent.Create(new CreateSample("alpha"), options: PlatformJson.Options) };
        request.Headers.TryAddWithoutValidation("Idempotency-Key", Uri.EscapeDataString(key) == key ? key : key);
        await ProblemAssert.IsProblem(await client.SendAsync(request), HttpStatusCode.BadRequest, "CBC.0100");
    }

    [Fact]
    public async Task An_optional_key_may_be_left_out()
    {
        using var client = _host.CreateClient(Callers.Partner());
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync("/v2/samples/optional", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync("/v2/samples/optional", null)).StatusCode);
        Assert.Equal(2, _executions);
    }

    [Fact]
    public async Task A_key_is_forgotten_after_24_hours()
    {
        var key = NewKey();
        using (var client = _host.CreateClient(Callers.Partner()))
        {
            Assert.Equal(HttpStatusCode.Created, (await PostAsync(client, key, new CreateSample("alpha"))).StatusCode);
        }

        _clock.Advance(TimeSpan.FromHours(23));
        using (var client = _host.CreateClient(Callers.Partner()))
        {
            await ProblemAssert.IsProblem(await PostAsync(client, key, new CreateSample("beta")), HttpStatusCode.UnprocessableEntity, "CBC.0158");
        }

        _clock.Advance(TimeSpan.FromHours(1) + TimeSpan.FromSeconds(1));
        using var later = _host.CreateClient(Callers.Partner());
        Assert.Equal(HttpStatusCode.Created, (await PostAsync(later, key, new CreateSample("beta"))).StatusCode);
        Assert.Equal(2, _executions);
    }

    [Fact]
    public async Task Cleanup_deletes_only_expired_keys()
    {
        using var client = _host.CreateClient(Callers.Partner("p-cleanup"));
        var oldKey = NewKey();
        await PostAsync(client, oldKey, new CreateSample("old"));
        _clock.Advance(TimeSpan.FromHours(12));
        using var client2 = _host.CreateClient(Callers.Partner("p-cleanup"));
        var newKey = NewKey();
        await PostAsync(client2, newKey, new CreateSample("new"));
        _clock.Advance(TimeSpan.FromHours(12) + TimeSpan.FromSeconds(1));

        var deleted = await _host.Services.GetRequiredService<IdempotencyStore>().DeleteExpiredAsync();

        Assert.True(deleted >= 1);
        Assert.Equal([newKey], await KeysOfAsync("partner:p-cleanup|POST /v2/samples"));
    }

    private async Task<IResult> CreateAsync(CreateSample sample)
    {
        var execution = Interlocked.Increment(ref _executions);
        await Task.Delay(sample.DelayMs);
        if (sample.Name.Length == 0)
        {
            return ApiResults.InvalidField("name", "The name is required.");
        }

        if (sample.Name == "crash")
        {
            throw new InvalidOperationException("boom");
        }

        var id = Guid.NewGuid().ToString("N");
        return TypedResults.Created($"/v2/samples/{id}", new SampleCreated(id, sample.Name, execution));
    }

    private async Task<List<string>> KeysOfAsync(string scope)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT key FROM idempotency_keys WHERE scope = @scope", connection);
        command.Parameters.AddWithValue("scope", scope);
        await using var reader = await command.ExecuteReaderAsync();
        var keys = new List<string>();
        while (await reader.ReadAsync())
        {
            keys.Add(reader.GetString(0));
        }

        return keys;
    }

    private static string NewKey() => Guid.NewGuid().ToString();

    private static Task<HttpResponseMessage> PostAsync<T>(HttpClient client, string key, T body, string path = "/v2/samples")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body, options: PlatformJson.Options) };
        request.Headers.Add("Idempotency-Key", key);
        return client.SendAsync(request);
    }

    private sealed record CreateSample(string Name, int DelayMs = 0);

    private sealed record SampleCreated(string SampleId, string Name, int Execution);
}

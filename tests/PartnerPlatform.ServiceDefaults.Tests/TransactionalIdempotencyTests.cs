using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using PartnerPlatform.ServiceDefaults.Tests.Infrastructure;

namespace PartnerPlatform.ServiceDefaults.Tests;

/// <summary>
/// <c>WithTransactionalIdempotency()</c>: the handler writes the key with its response in the
/// transaction of its own change (here a row in <c>widgets</c>), so the key and the change commit
/// together or not at all, with the same public behaviour as the claiming mode.
/// </summary>
public sealed class TransactionalIdempotencyTests(PostgresDatabaseFixture database) : IClassFixture<PostgresDatabaseFixture>, IAsyncLifetime
{
    private readonly ManualTimeProvider _clock = new(new DateTimeOffset(2026, 11, 21, 8, 0, 0, TimeSpan.Zero));
    private int _executions;
    private SampleHost _host = null!;

    public async Task InitializeAsync()
    {
        await using (var connection = new NpgsqlConnection(database.ConnectionString))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand("CREATE TABLE IF NOT EXISTS widgets (id uuid PRIMARY KEY, name text NOT NULL)", connection);
            await create.ExecuteNonQueryAsync();
        }

        _host = await SampleHost.StartAsync(
            settings: new Dictionary<string, string?> { ["ConnectionStrings:samplesdb"] = database.ConnectionString },
            configure: builder =>
            {
                builder.Services.AddSingleton<TimeProvider>(_clock);
                builder.AddIdempotency("samplesdb");
            },
            map: app =>
            {
                app.MapPost("/v2/widgets", CreateAsync).WithTransactionalIdempotency();
                app.MapPost("/v2/widgets/no-lookup", CreateAsync).WithTransactionalIdempotency(lookupFirst: false);
                app.MapPost("/v2/widgets/preview", (CreateWidget widget) => TypedResults.Ok(new { name = widget.Name, execution = Interlocked.Increment(ref _executions) }))
                    .WithTransactionalIdempotency();
            });
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task A_repeated_request_gets_the_stored_response_and_the_change_is_made_once()
    {
        using var client = _host.CreateClient(Callers.Partner());
        var key = NewKey();

        var first = await PostAsync(client, key, new CreateWidget("alpha"));
        var second = await PostAsync(client, key, new CreateWidget("alpha"));

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await second.Content.ReadAsStringAsync());
        Assert.Equal(first.Headers.Location, second.Headers.Location);
        Assert.Equal("true", second.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.False(first.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(1, _executions);
        Assert.Equal(1, await WidgetsNamedAsync("alpha"));
    }

    [Fact]
    public async Task The_same_key_with_a_different_body_is_a_422_with_CBC_0158()
    {
        using var client = _host.CreateClient(Callers.Partner());
        var key = NewKey();
        await PostAsync(client, key, new CreateWidget("beta"));

        await ProblemAssert.IsProblem(await PostAsync(client, key, new CreateWidget("gamma")), HttpStatusCode.UnprocessableEntity, "CBC.0158");
        Assert.Equal(0, await WidgetsNamedAsync("gamma"));
    }

    [Fact]
    public async Task Concurrent_requests_with_one_key_commit_the_change_once_and_all_get_its_response()
    {
        using var client = _host.CreateClient(Callers.Partner());
        var key = NewKey();

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => PostAsync(client, key, new CreateWidget("race", DelayMs: 200))));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        var ids = await Task.WhenAll(responses.Select(async r => (await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("widget_id").GetString()));
        Assert.Single(ids.Distinct());
        Assert.Equal(1, await WidgetsNamedAsync("race"));
    }

    [Fact]
    public async Task The_key_commits_in_the_transaction_of_the_change()
    {
        using var client = _host.CreateClient(Callers.Partner("p-tx"));
        var key = NewKey();

        var created = await (await PostAsync(client, key, new CreateWidget("tx"))).Content.ReadFromJsonAsync<JsonElement>();

        var widget = await ScalarAsync("SELECT xmin::text FROM widgets WHERE id = @p::uuid", created.GetProperty("widget_id").GetString()!);
        var keyRow = await ScalarAsync("SELECT xmin::text FROM idempotency_keys WHERE key = @p", key);
        Assert.Equal(widget, keyRow);
    }

    [Fact]
    public async Task A_change_that_rolls_back_leaves_no_key_and_the_key_can_be_used_again()
    {
        using var client = _host.CreateClient(Callers.Partner());
        var key = NewKey();

        await ProblemAssert.IsProblem(await PostAsync(client, key, new CreateWidget("crash")), HttpStatusCode.InternalServerError, "CBC.0999");
        await ProblemAssert.IsProblem(await PostAsync(client, key, new CreateWidget("")), HttpStatusCode.BadRequest, "CBC.0100");

        Assert.Equal(0, await WidgetsNamedAsync("crash"));
        Assert.Null(await ScalarAsync("SELECT key FROM idempotency_keys WHERE key = @p", key));
        Assert.Equal(HttpStatusCode.Created, (await PostAsync(client, key, new CreateWidget("crash-retried"))).StatusCode);
    }

    [Fact]
    public async Task A_success_with_nothing_to_commit_is_stored_by_the_filter_and_replayed()
    {
        using var client = _host.CreateClient(Callers.Partner());
        var key = NewKey();

        var first = await PostAsync(client, key, new CreateWidget("preview"), "/v2/widgets/preview");
        var second = await PostAsync(client, key, new CreateWidget("preview"), "/v2/widgets/preview");

        Assert.Equal(await first.Content.ReadAsStringAsync(), await second.Content.ReadAsStringAsync());
        Assert.Equal("true", second.Headers.GetValues("Idempotent-Replayed").Single());
    }

    [Fact]
    public async Task A_key_is_forgotten_after_24_hours()
    {
        var key = NewKey();
        using (var client = _host.CreateClient(Callers.Partner("p-expiry")))
        {
            Assert.Equal(HttpStatusCode.Created, (await PostAsync(client, key, new CreateWidget("old"))).StatusCode);
        }

        _clock.Advance(TimeSpan.FromHours(23));
        using (var client = _host.CreateClient(Callers.Partner("p-expiry")))
        {
            await ProblemAssert.IsProblem(await PostAsync(client, key, new CreateWidget("new")), HttpStatusCode.UnprocessableEntity, "CBC.0158");
        }

        _clock.Advance(TimeSpan.FromHours(1) + TimeSpan.FromSeconds(1));
        using var later = _host.CreateClient(Callers.Partner("p-expiry"));
        Assert.Equal(HttpStatusCode.Created, (await PostAsync(later, key, new CreateWidget("new"))).StatusCode);
        Assert.Equal(1, await WidgetsNamedAsync("new"));
    }

    [Fact]
    public async Task A_request_without_a_key_is_a_400_when_the_key_is_required()
    {
        using var client = _host.CreateClient(Callers.Partner());
        var body = await ProblemAssert.IsProblem(
            await client.PostAsJsonAsync("/v2/widgets", new CreateWidget("keyless"), PlatformJson.Options), HttpStatusCode.BadRequest, "CBC.0100");
        Assert.True(body.GetProperty("errors").TryGetProperty("idempotency_key", out _));
        Assert.Equal(0, await WidgetsNamedAsync("keyless"));
    }

    [Fact]
    public async Task Without_a_lookup_first_a_repeat_runs_into_the_key_and_gets_the_stored_response_with_the_change_made_once()
    {
        using var client = _host.CreateClient(Callers.Partner());
        var key = NewKey();

        var first = await PostAsync(client, key, new CreateWidget("delta"), NoLookupPath);
        var second = await PostAsync(client, key, new CreateWidget("delta"), NoLookupPath);

        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await second.Content.ReadAsStringAsync());
        Assert.Equal(first.Headers.Location, second.Headers.Location);
        Assert.Equal("true", second.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(2, _executions);
        Assert.Equal(1, await WidgetsNamedAsync("delta"));
    }

    [Fact]
    public async Task Without_a_lookup_first_the_same_key_with_a_different_body_is_a_422_and_changes_nothing()
    {
        using var client = _host.CreateClient(Callers.Partner());
        var key = NewKey();
        await PostAsync(client, key, new CreateWidget("epsilon"), NoLookupPath);

        await ProblemAssert.IsProblem(await PostAsync(client, key, new CreateWidget("zeta"), NoLookupPath), HttpStatusCode.UnprocessableEntity, "CBC.0158");
        Assert.Equal(0, await WidgetsNamedAsync("zeta"));
    }

    [Fact]
    public async Task Without_a_lookup_first_concurrent_requests_with_one_key_commit_the_change_once_and_all_get_its_response()
    {
        using var client = _host.CreateClient(Callers.Partner());
        var key = NewKey();

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => PostAsync(client, key, new CreateWidget("race-no-lookup", DelayMs: 200), NoLookupPath)));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        var ids = await Task.WhenAll(responses.Select(async r => (await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("widget_id").GetString()));
        Assert.Single(ids.Distinct());
        Assert.Equal(7, responses.Count(r => r.Headers.Contains("Idempotent-Replayed")));
        Assert.Equal(1, await WidgetsNamedAsync("race-no-lookup"));
    }

    [Fact]
    public async Task Without_a_lookup_first_a_key_whose_row_expired_is_taken_over_and_the_request_runs_again()
    {
        var key = NewKey();
        using (var client = _host.CreateClient(Callers.Partner("p-expiry-no-lookup")))
        {
            Assert.Equal(HttpStatusCode.Created, (await PostAsync(client, key, new CreateWidget("old-no-lookup"), NoLookupPath)).StatusCode);
        }

        _clock.Advance(TimeSpan.FromHours(24) + TimeSpan.FromSeconds(1));
        using var later = _host.CreateClient(Callers.Partner("p-expiry-no-lookup"));
        var renewed = await PostAsync(later, key, new CreateWidget("new-no-lookup"), NoLookupPath);

        Assert.Equal(HttpStatusCode.Created, renewed.StatusCode);
        Assert.False(renewed.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(1, await WidgetsNamedAsync("new-no-lookup"));
        Assert.Equal("new-no-lookup", (await renewed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("name").GetString());
        Assert.Equal(1, int.Parse((await ScalarAsync("SELECT count(*)::text FROM idempotency_keys WHERE key = @p", key))!, System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>Inserts the widget and the key with the response in one transaction.</summary>
    private async Task<IResult> CreateAsync(CreateWidget widget, HttpContext http)
    {
        Interlocked.Increment(ref _executions);
        if (widget.Name.Length == 0)
        {
            return ApiResults.InvalidField("name", "The name is required.");
        }

        var id = Guid.NewGuid();
        var idempotency = http.GetIdempotentRequest()!;
        var created = new StoredResponse(
            StatusCodes.Status201Created,
            "application/json; charset=utf-8",
            $"/v2/widgets/{id}",
            JsonSerializer.SerializeToUtf8Bytes(new WidgetCreated(id.ToString(), widget.Name), PlatformJson.Options));
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using (var insert = new NpgsqlCommand("INSERT INTO widgets (id, name) VALUES (@id, @name)", connection, transaction))
        {
            insert.Parameters.AddWithValue("id", id);
            insert.Parameters.AddWithValue("name", widget.Name);
            await insert.ExecuteNonQueryAsync();
        }

        await Task.Delay(widget.DelayMs);
        if (widget.Name == "crash")
        {
            throw new InvalidOperationException("boom");
        }

        await using (var key = new NpgsqlCommand(IdempotentRequest.InsertSql, connection, transaction))
        {
            key.Parameters.AddRange(idempotency.Parameters(created));
            await key.ExecuteNonQueryAsync();
        }

        await transaction.CommitAsync();
        idempotency.MarkStored(created);
        return TypedResults.Created(created.Location, new WidgetCreated(id.ToString(), widget.Name));
    }

    private async Task<int> WidgetsNamedAsync(string name) =>
        int.Parse((await ScalarAsync("SELECT count(*)::text FROM widgets WHERE name = @p", name))!, System.Globalization.CultureInfo.InvariantCulture);

    private async Task<string?> ScalarAsync(string sql, string parameter)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("p", parameter);
        return await command.ExecuteScalarAsync() as string;
    }

    private const string NoLookupPath = "/v2/widgets/no-lookup";

    private static string NewKey() => Guid.NewGuid().ToString();

    private static Task<HttpResponseMessage> PostAsync<T>(HttpClient client, string key, T body, string path = "/v2/widgets")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body, options: PlatformJson.Options) };
        request.Headers.Add("Idempotency-Key", key);
        return client.SendAsync(request);
    }

    private sealed record CreateWidget(string Name, int DelayMs = 0);

    private sealed record WidgetCreated(string WidgetId, string Name);
}

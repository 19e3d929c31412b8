using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Npgsql;
using PartnerPlatform.ServiceDefaults.Tests.Infrastructure;

namespace PartnerPlatform.ServiceDefaults.Tests;

/// <summary>
/// The service's own PostgreSQL stopped and started under it (a server of this class's own): while
/// it is down requests answer 503 CBC.0998 with Retry-After, never 500; a transaction cut in the
/// middle leaves nothing behind; once it is back the same process serves again.
/// </summary>
public sealed class DatabaseOutageTests(DedicatedPostgresFixture postgres) : IClassFixture<DedicatedPostgresFixture>, IAsyncLifetime
{
    private readonly TaskCompletionSource _held = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private SampleHost _host = null!;

    public async Task InitializeAsync()
    {
        await using (var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(postgres.ConnectionString) { Pooling = false }.ConnectionString))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand(
                "CREATE TABLE IF NOT EXISTS ledger (transfer_id uuid NOT NULL, side text NOT NULL, PRIMARY KEY (transfer_id, side))", connection);
            await create.ExecuteNonQueryAsync();
        }

        _host = await SampleHost.StartAsync(
            kestrel: true,
            settings: new Dictionary<string, string?> { ["ConnectionStrings:ledgerdb"] = postgres.ConnectionString },
            configure: builder => builder.AddPostgresHealthCheck("ledgerdb", TimeSpan.FromSeconds(2)),
            map: app =>
            {
                var api = app.MapGroup("/v2/transfers").AllowAnonymous();
                api.MapPost("/", TransferAsync);
                api.MapGet("/count", async (PostgresDataSources sources) =>
                {
                    await using var command = sources.Get("ledgerdb").CreateCommand("SELECT count(*) FROM ledger");
                    return TypedResults.Ok(new { rows = (long)(await command.ExecuteScalarAsync())! });
                });
            });
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task While_the_database_is_down_requests_answer_503_with_retry_after_and_it_serves_again_without_a_restart()
    {
        await ProblemAssert.IsSuccess(await PostAsync(Guid.NewGuid(), hold: false));

        // A transfer whose first half is written when the server goes away.
        var cut = Guid.NewGuid();
        var cutResponse = PostAsync(cut, hold: true);
        await _held.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await postgres.StopAsync();
        _release.SetResult();
        await AssertUnavailableAsync(await cutResponse);

        var during = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => PostAsync(Guid.NewGuid(), hold: false)));
        foreach (var response in during)
        {
            await AssertUnavailableAsync(response);
        }

        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await _host.Client.GetAsync("/health")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _host.Client.GetAsync("/alive")).StatusCode);

        await postgres.StartAsync();

        // Recovery in the same process: the first requests may still meet a connection of the old
        // server and answer 503, never anything else; then every request succeeds.
        var after = Guid.NewGuid();
        await Eventually.HoldsAsync(
            async () =>
            {
                var response = await PostAsync(after, hold: false);
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    await AssertUnavailableAsync(response);
                }

                return response.StatusCode == HttpStatusCode.OK;
            },
            TimeSpan.FromSeconds(30),
            "a transfer accepted once the database is back");
        var steady = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => PostAsync(Guid.NewGuid(), hold: false)));
        Assert.All(steady, response => Assert.Equal(HttpStatusCode.OK, response.StatusCode));
        Assert.Equal(HttpStatusCode.OK, (await _host.Client.GetAsync("/health")).StatusCode);

        // Nothing half-written: the cut transfer left no row, every accepted one both of its rows.
        Assert.Equal(0, await CountAsync("transfer_id = @id", cut));
        Assert.Equal(0, await CountAsync("transfer_id IN (SELECT transfer_id FROM ledger GROUP BY transfer_id HAVING count(*) <> 2)", null));
        Assert.Equal(2 * (1 + 1 + steady.Length), await CountAsync("true", null));
    }

    private async Task<IResult> TransferAsync(TransferRequest request, PostgresDataSources sources, CancellationToken cancellationToken)
    {
        await using var connection = await sources.Get("ledgerdb").OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await InsertAsync(connection, request.TransferId, "debit", cancellationToken);
        if (request.Hold)
        {
            _held.SetResult();
            await _release.Task;
        }

        await InsertAsync(connection, request.TransferId, "credit", cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.Ok(new { transfer_id = request.TransferId });
    }

    private static async Task InsertAsync(NpgsqlConnection connection, Guid transferId, string side, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("INSERT INTO ledger (transfer_id, side) VALUES (@id, @side)", connection);
        command.Parameters.AddWithValue("id", transferId);
        command.Parameters.AddWithValue("side", side);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private Task<HttpResponseMessage> PostAsync(Guid transferId, bool hold) =>
        _host.Client.PostAsJsonAsync("/v2/transfers/", new TransferRequest(transferId, hold), PlatformJson.Options);

    private static async Task AssertUnavailableAsync(HttpResponseMessage response)
    {
        await ProblemAssert.IsProblem(response, HttpStatusCode.ServiceUnavailable, "CBC.0998");
        Assert.Equal(TimeSpan.FromSeconds(5), response.Headers.RetryAfter?.Delta);
    }

    private async Task<long> CountAsync(string condition, Guid? id)
    {
        // Unpooled: a connection the test pooled before the restart would be dead.
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(postgres.ConnectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"SELECT count(*) FROM ledger WHERE {condition}", connection);
        if (id is { } value)
        {
            command.Parameters.AddWithValue("id", value);
        }

        return (long)(await command.ExecuteScalarAsync())!;
    }

    private sealed record TransferRequest(Guid TransferId, bool Hold);
}

using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Faults.Tests.Support;
using Npgsql;

namespace Faults.Tests;

/// <summary>
/// The gateway, identity-api (publisher of <c>PartnerRegistered</c>) and resellers-api (its
/// consumer) as separate processes on databases of their own and a broker of this class's own.
/// Registrations stream through the gateway while resellers-api and then identity-api are killed
/// with SIGKILL and started again, and the broker is stopped and started. Afterwards every partner
/// identity-api registered has arrived at resellers-api exactly once, no outbox row is left unsent
/// and every error queue is empty.
/// </summary>
public sealed class KillAndRestartTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string Password = "Fault-Stream-2026!";

    private readonly PostgresDatabaseFixture _identityDb = new();
    private readonly PostgresDatabaseFixture _resellersDb = new();
    private readonly RedisDatabaseFixture _redis = new();
    private readonly DedicatedRabbitMqFixture _broker = new();
    private readonly string _notifications = Path.Combine(Path.GetTempPath(), "faults-notifications-" + Guid.NewGuid().ToString("N") + ".jsonl");
    private ServiceProcess _identity = null!;
    private ServiceProcess _resellers = null!;
    private ServiceProcess _gateway = null!;

    private readonly Stopwatch _clock = Stopwatch.StartNew();

    public async Task InitializeAsync()
    {
        await Task.WhenAll(_identityDb.InitializeAsync(), _resellersDb.InitializeAsync(), _redis.InitializeAsync(), _broker.InitializeAsync());
        var common = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["ConnectionStrings__eventbus"] = _broker.ConnectionUri.ToString(),
            ["ConnectionStrings__redis"] = _redis.ConnectionString,
            ["APPLY_MIGRATIONS"] = "true",
            ["RateLimiting__Limit"] = "100000",
            ["Messaging__RetryIntervals__0"] = "00:00:00.100",
            ["Messaging__OutboxMaxBackoff"] = "00:00:01",
            ["Logging__LogLevel__Default"] = "Warning",
        };
        _resellers = ServiceProcess.For("resellers-api", "services/Resellers/Resellers.Api", With(common, new()
        {
            ["ConnectionStrings__resellersdb"] = _resellersDb.ConnectionString,
            ["OTEL_SERVICE_NAME"] = "resellers-api",
        }));
        _identity = ServiceProcess.For("identity-api", "services/Identity/Identity.Api", With(common, new()
        {
            ["ConnectionStrings__identitydb"] = _identityDb.ConnectionString,
            ["OTEL_SERVICE_NAME"] = "identity-api",
            ["Identity__Notifications__FilePath"] = _notifications,
            ["Identity__VerificationCodes__HashKey"] = "faults-" + Guid.NewGuid().ToString("N"),
        }));

        // The consumer first: its queue must be bound before the first event is published.
        await _resellers.StartAsync();
        await _identity.StartAsync();
        _gateway = ServiceProcess.For("gateway", "gateway/Gateway", With(common, new()
        {
            ["OTEL_SERVICE_NAME"] = "gateway",
            ["services__identity-api__http__0"] = _identity.Address.ToString(),
            ["services__resellers-api__http__0"] = _resellers.Address.ToString(),
        }));
        await _gateway.StartAsync();
        Phase("servers and three processes up");
    }

    private void Phase(string what) => output.WriteLine($"{_clock.Elapsed.TotalSeconds,6:F1} s  {what}");

    public async Task DisposeAsync()
    {
        await _gateway.DisposeAsync();
        await _identity.DisposeAsync();
        await _resellers.DisposeAsync();
        await Task.WhenAll(_identityDb.DisposeAsync(), _resellersDb.DisposeAsync(), _redis.DisposeAsync(), _broker.DisposeAsync());
        File.Delete(_notifications);
    }

    [Fact]
    public async Task Registrations_survive_kill_9_of_consumer_and_publisher_and_a_broker_restart_and_arrive_exactly_once()
    {
        var elapsed = Stopwatch.StartNew();
        using var client = new HttpClient { BaseAddress = _gateway.Address, Timeout = TimeSpan.FromSeconds(15) };
        var registered = new List<string>();

        await RegisterAsync(client, registered, 10);
        await _resellers.KillAsync();                  // the consumer dies: its queue keeps the events
        Phase("resellers-api killed");
        await RegisterAsync(client, registered, 10);
        await _resellers.StartAsync();
        Phase("resellers-api started again");
        await RegisterAsync(client, registered, 5);

        var publisherKilled = RegisterAsync(client, registered, 10);
        await Task.Delay(300);
        await _identity.KillAsync();                   // the publisher dies mid-stream: requests in flight are cut
        Phase("identity-api killed");
        await _identity.StartAsync();
        Phase("identity-api started again");
        await publisherKilled;

        await _broker.StopAsync();                     // writes go on; the outbox keeps their events
        Phase("broker stopped");
        await RegisterAsync(client, registered, 10);
        await _broker.StartAsync();
        Phase("broker started again");
        await RegisterAsync(client, registered, 5);
        Phase($"{registered.Count} registrations answered");

        var partners = await PartnerIdsAsync(_identityDb.ConnectionString, "SELECT id FROM partners WHERE company_name LIKE 'Fault %'");
        Assert.Equal(registered.Count, partners.Count);
        await Eventually.HoldsAsync(
            async () => (await PartnerIdsAsync(_resellersDb.ConnectionString, "SELECT id FROM known_partners WHERE company_name LIKE 'Fault %'")).SetEquals(partners),
            TimeSpan.FromSeconds(90),
            "every registered partner known to resellers-api");
        Phase("every partner arrived at resellers-api");

        Assert.Equal(0L, await ScalarAsync(_identityDb.ConnectionString, "SELECT count(*) FROM outbox_messages WHERE sent_at IS NULL"));
        // Exactly once: one handled delivery (inbox row) per partner, none twice.
        Assert.Equal(
            (long)partners.Count,
            await ScalarAsync(_resellersDb.ConnectionString, "SELECT count(*) FROM inbox_messages WHERE consumer LIKE '%.PartnerRegisteredConsumer'"));
        // One event per partner written by the publisher, none doubled by a retried request.
        Assert.Equal(
            (long)partners.Count,
            await ScalarAsync(
                _identityDb.ConnectionString,
                "SELECT count(DISTINCT payload->>'partnerId') FROM outbox_messages WHERE message_type LIKE '%.PartnerRegistered,%' AND payload->>'companyName' LIKE 'Fault %'"));
        Assert.Equal(
            (long)partners.Count,
            await ScalarAsync(
                _identityDb.ConnectionString,
                "SELECT count(*) FROM outbox_messages WHERE message_type LIKE '%.PartnerRegistered,%' AND payload->>'companyName' LIKE 'Fault %'"));
        Assert.Empty(await NonEmptyErrorQueuesAsync());
        Assert.True(elapsed.Elapsed < TimeSpan.FromMinutes(4), $"the fault run took {elapsed.Elapsed}");
    }

    /// <summary>
    /// Registers <paramref name="count"/> partners one after another through the gateway, each retried
    /// until it is answered: a 5xx or a cut connection is retried with the same user name; a 409 on a
    /// retry means the cut attempt had committed.
    /// </summary>
    private static async Task RegisterAsync(HttpClient client, List<string> registered, int count)
    {
        for (var i = 0; i < count; i++)
        {
            var userName = "fault" + Guid.NewGuid().ToString("N")[..12];
            var retried = false;
            var deadline = Stopwatch.StartNew();
            while (true)
            {
                HttpResponseMessage? response = null;
                try
                {
                    response = await client.PostAsJsonAsync("/v2/partners/profile/register", new
                    {
                        user_name = userName,
                        password = Password,
                        company_name = "Fault " + userName,
                        email = userName + "@example.com",
                    });
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                }

                if (response?.StatusCode == HttpStatusCode.Created || (retried && response?.StatusCode == HttpStatusCode.Conflict))
                {
                    registered.Add(userName);
                    break;
                }

                if (response is not null && (int)response.StatusCode is >= 400 and < 500)
                {
                    Assert.Fail($"{userName}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                }

                Assert.True(deadline.Elapsed < TimeSpan.FromSeconds(90), $"{userName} was not registered within 90 s");
                retried = true;
                await Task.Delay(200);
            }
        }
    }

    private async Task<List<string>> NonEmptyErrorQueuesAsync()
    {
        var queues = await _broker.Management.GetFromJsonAsync<JsonElement>("api/queues");
        return [.. queues.EnumerateArray()
            .Where(q => q.GetProperty("name").GetString()!.EndsWith("_error", StringComparison.Ordinal)
                && q.TryGetProperty("messages", out var messages) && messages.GetInt64() > 0)
            .Select(q => q.GetProperty("name").GetString()!)];
    }

    private static async Task<HashSet<Guid>> PartnerIdsAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var ids = new HashSet<Guid>();
        while (await reader.ReadAsync())
        {
            ids.Add(reader.GetGuid(0));
        }

        return ids;
    }

    private static async Task<long> ScalarAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static Dictionary<string, string> With(Dictionary<string, string> common, Dictionary<string, string> own)
    {
        var all = new Dictionary<string, string>(common);
        foreach (var (key, value) in own)
        {
            all[key] = value;
        }

        return all;
    }
}

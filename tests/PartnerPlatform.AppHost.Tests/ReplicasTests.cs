using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Xunit.Abstractions;

namespace PartnerPlatform.AppHost.Tests;

/// <summary>
/// The replicas-2 proof (issue 20): the platform from the AppHost with two instances of every
/// service and two gateways, a short bounded load through both gateways, then the work that every
/// instance races for is checked to have happened once. It starts a platform of its own (several
/// minutes on a loaded two-core machine), so it runs only when asked:
/// <c>PP_REPLICAS_PROOF=1 dotnet test tests/PartnerPlatform.AppHost.Tests --filter FullyQualifiedName~ReplicasTests</c>.
/// </summary>
public sealed class ReplicasTests(ITestOutputHelper output)
{
    private const int Replicas = 2;
    private const int IssuedCoupons = 24;

    /// <summary>The gateway's default limit: permits per (caller, route) and second (gateway README).</summary>
    private const int RateLimit = 10;

    [ReplicasProofFact]
    public async Task Two_instances_of_everything_apply_each_sweep_schedule_and_event_once_and_share_one_rate_limit()
    {
        var started = Stopwatch.StartNew();
        var platform = new PlatformFixture(Replicas, builder =>
        {
            // Sweepers that race every few seconds instead of every minute, so the run stays short.
            builder.CreateResourceBuilder<ProjectResource>("coupons-api").WithEnvironment("Coupons__ExpirySweepInterval", "00:00:02");
            builder.CreateResourceBuilder<ProjectResource>("subscription-files-api").WithEnvironment("SubscriptionFiles__SweepInterval", "00:00:02");
        });
        await platform.InitializeAsync();
        try
        {
            output.WriteLine($"all healthy and seeded after {started.Elapsed.TotalSeconds:0} s (healthy after {platform.TimeToAllHealthy.TotalSeconds:0} s)");
            var instances = await RunningInstancesAsync(platform.App);
            foreach (var name in PlatformFixture.Services.Append("gateway"))
            {
                Assert.True(instances.GetValueOrDefault(name)?.Count == Replicas, $"{name}: {string.Join(", ", instances.GetValueOrDefault(name) ?? [])}");
            }

            var gateways = instances["gateway"].Select(url => new HttpClient { BaseAddress = new Uri(url.TrimEnd('/') + "/") }).ToList();
            try
            {
                await RateLimitHoldsAcrossTheGatewaysAsync(platform, gateways);
                await LoadAsync(platform, gateways);
                await EachCouponExpiresOnceAsync(platform, gateways);
                await EachScheduledDeliveryRunsOnceAsync(platform);
                await EveryEventIsConsumedOnceAsync(platform);
            }
            finally
            {
                gateways.ForEach(gateway => gateway.Dispose());
            }

            output.WriteLine($"proof done after {started.Elapsed.TotalSeconds:0} s");
        }
        finally
        {
            await platform.DisposeAsync();
        }
    }

    /// <summary>
    /// One burst for one caller and route, half to each gateway instance at once: together they
    /// grant the limit once, not once per instance.
    /// </summary>
    private async Task RateLimitHoldsAcrossTheGatewaysAsync(PlatformFixture platform, List<HttpClient> gateways)
    {
        var token = await EndToEndTests.SignInAsync(gateways[0], "vendor-admin", platform.VendorAdminPassword);
        gateways[0].DefaultRequestHeaders.Authorization = null;
        for (var attempt = 0; ; attempt++)
        {
            var window = Stopwatch.StartNew();
            var answers = await Task.WhenAll(Enumerable.Range(0, 3 * RateLimit).Select(async i =>
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, "v2/vendor/partners?limit=1");
                request.Headers.Authorization = token;
                using var response = await gateways[i % gateways.Count].SendAsync(request);
                var code = response.StatusCode == HttpStatusCode.TooManyRequests
                    ? (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error_code").GetString()
                    : null;
                return (Gateway: i % gateways.Count, response.StatusCode, Code: code);
            }));
            window.Stop();
            var granted = answers.Count(a => a.StatusCode == HttpStatusCode.OK);
            var refused = answers.Where(a => a.StatusCode == HttpStatusCode.TooManyRequests).ToList();
            output.WriteLine($"rate limit burst: {answers.Length} requests over {gateways.Count} gateways in {window.ElapsedMilliseconds} ms: "
                + $"{granted} granted ({string.Join(" + ", answers.GroupBy(a => a.Gateway).Select(g => g.Count(a => a.StatusCode == HttpStatusCode.OK)))}), {refused.Count} refused");
            Assert.All(answers, a => Assert.True(a.StatusCode is HttpStatusCode.OK or HttpStatusCode.TooManyRequests, a.ToString()));
            Assert.All(refused, a => Assert.Equal("CBC.0250", a.Code));
            // A burst that outlasted the sliding window may rightly get a second window's permits: try again.
            if (window.Elapsed >= TimeSpan.FromMilliseconds(900) && attempt < 4)
            {
                await Task.Delay(TimeSpan.FromSeconds(2));
                continue;
            }

            Assert.InRange(granted, 1, RateLimit);
            Assert.All(Enumerable.Range(0, gateways.Count), g => Assert.Contains(refused, a => a.Gateway == g));
            break;
        }
    }

    /// <summary>A bounded load: sign-ins and reads of every service, spread over both gateways.</summary>
    private async Task LoadAsync(PlatformFixture platform, List<HttpClient> gateways)
    {
        var paths = new[] { "v2/vendor/partners?limit=5", "v2/partners/distribution/links", "v2/partners/subscriptions", "v2/partners/coupon-quotas/query" };
        var watch = Stopwatch.StartNew();
        var answered = 0;
        var failures = new List<string>();
        await Parallel.ForEachAsync(Enumerable.Range(0, 8), new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (worker, cancellationToken) =>
        {
            var gateway = gateways[worker % gateways.Count];
            var login = worker % 2 == 0 ? ("demo-distributor", platform.DemoPassword) : ("demo-solution-provider", platform.DemoPassword);
            using var client = new HttpClient { BaseAddress = gateway.BaseAddress };
            client.DefaultRequestHeaders.Authorization = await EndToEndTests.SignInAsync(client, login.Item1, login.Item2);
            for (var round = 0; round < 10; round++)
            {
                foreach (var path in paths)
                {
                    using var response = path.EndsWith("/query", StringComparison.Ordinal)
                        ? await client.PostAsJsonAsync(path, new { }, cancellationToken)
                        : await client.GetAsync(new Uri(path, UriKind.Relative), cancellationToken);
                    Interlocked.Increment(ref answered);
                    // 403 is an answer too (a distributor has no quota list of its own); a 5xx is not.
                    if ((int)response.StatusCode >= 500)
                    {
                        lock (failures)
                        {
                            failures.Add($"{path}: {(int)response.StatusCode}");
                        }
                    }
                }

                // Below the rate limit: this is load, not a flood.
                await Task.Delay(TimeSpan.FromMilliseconds(250), cancellationToken);
            }
        });
        output.WriteLine($"load: {answered} requests through {gateways.Count} gateways in {watch.Elapsed.TotalSeconds:0.0} s, {failures.Count} server errors");
        Assert.Empty(failures);
    }

    /// <summary>
    /// The demo solution provider issues coupons; they are then made due, and both coupons-api
    /// instances' expiry sweepers race for them: each coupon expires once (one ledger entry, one event).
    /// </summary>
    private async Task EachCouponExpiresOnceAsync(PlatformFixture platform, List<HttpClient> gateways)
    {
        await using var coupons = NpgsqlDataSource.Create(await ConnectionStringAsync(platform, "couponsdb"));
        using var client = new HttpClient { BaseAddress = gateways[1].BaseAddress };
        client.DefaultRequestHeaders.Authorization = await EndToEndTests.SignInAsync(client, "demo-solution-provider", platform.DemoPassword);
        using var quotas = await client.PostAsJsonAsync("v2/partners/coupon-quotas/query", new { });
        var quota = (await quotas.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("quotas").EnumerateArray().First();
        var quotaId = quota.GetProperty("quota_id").GetGuid();
        var customers = new List<Guid>();
        await using (var command = coupons.CreateCommand(
            "SELECT customer_id FROM customer_associations WHERE partner_id = (SELECT partner_id FROM quotas WHERE id = $1) AND active AND association_type = 'reseller' AND indirect_partner_id IS NULL"))
        {
            command.Parameters.Add(new NpgsqlParameter { Value = quotaId });
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                customers.Add(reader.GetGuid(0));
            }
        }

        Assert.NotEmpty(customers);
        var issued = new List<Guid>();
        for (var i = 0; i < IssuedCoupons; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "v2/promotions/benefits/partner-coupons")
            {
                Content = JsonContent.Create(new { quota_id = quotaId, customer_ids = new[] { customers[i % customers.Count] }, face_value = 1.00m }),
            };
            request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString("N"));
            using var response = await client.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"issue: {(int)response.StatusCode} {body}");
            var succeeded = JsonDocument.Parse(body).RootElement.GetProperty("succeeded").EnumerateArray().Select(c => c.GetProperty("coupon_id").GetGuid()).ToList();
            Assert.True(succeeded.Count == 1, $"issue: {body}");
            issued.AddRange(succeeded);
            await Task.Delay(TimeSpan.FromMilliseconds(150));
        }

        Assert.Equal(IssuedCoupons, issued.Count);
        // Due now: the next sweeps of both instances find them all at once.
        await using (var due = coupons.CreateCommand("UPDATE coupons SET expires_at = now() - interval '1 second' WHERE id = ANY($1)"))
        {
            due.Parameters.Add(new NpgsqlParameter { Value = issued.ToArray() });
            Assert.Equal(IssuedCoupons, await due.ExecuteNonQueryAsync());
        }

        var deadline = Stopwatch.StartNew();
        while (await ScalarAsync(coupons, "SELECT count(*) FROM coupons WHERE id = ANY($1) AND status = 'expired'", issued.ToArray()) < IssuedCoupons)
        {
            Assert.True(deadline.Elapsed < TimeSpan.FromMinutes(2), "the sweepers did not expire every coupon within 2 minutes");
            await Task.Delay(TimeSpan.FromSeconds(1));
        }

        var ledger = await ScalarAsync(coupons, "SELECT count(*) FROM coupon_ledger_entries WHERE coupon_id = ANY($1) AND kind = 'expired'", issued.ToArray());
        var events = await ScalarAsync(coupons, "SELECT count(*) FROM outbox_messages WHERE message_type LIKE '%CouponExpired%' AND payload::text ~ $1",
            string.Join('|', issued));
        output.WriteLine($"coupon expiry: {IssuedCoupons} coupons made due, expired after {deadline.Elapsed.TotalSeconds:0.0} s, {ledger} ledger entries, {events} events");
        Assert.Equal(IssuedCoupons, ledger);
        Assert.Equal(IssuedCoupons, events);
    }

    /// <summary>
    /// Every pending delivery of the seeded subscriptions is made due; both subscription-files-api
    /// instances' sweepers race for them: each runs once and leaves one manifest.
    /// </summary>
    private async Task EachScheduledDeliveryRunsOnceAsync(PlatformFixture platform)
    {
        await using var files = NpgsqlDataSource.Create(await ConnectionStringAsync(platform, "subscriptionfilesdb"));
        var made = await ExecuteAsync(files, "UPDATE deliveries SET next_attempt_at = now() - interval '1 second' WHERE status IN ('pending', 'retrying')");
        var deadline = Stopwatch.StartNew();
        while (await ScalarAsync(files, "SELECT count(*) FROM deliveries WHERE status IN ('pending', 'retrying') AND next_attempt_at <= now()") > 0)
        {
            Assert.True(deadline.Elapsed < TimeSpan.FromMinutes(2), "the delivery sweepers left due deliveries for 2 minutes");
            await Task.Delay(TimeSpan.FromSeconds(1));
        }

        var delivered = await ScalarAsync(files, "SELECT count(*) FROM deliveries WHERE status = 'delivered'");
        var rerun = await ScalarAsync(files, "SELECT count(*) FROM deliveries WHERE status = 'delivered' AND runs <> 1");
        var duplicates = await ScalarAsync(files, "SELECT count(*) FROM (SELECT 1 FROM deliveries GROUP BY partner_id, content, period_start HAVING count(*) > 1) d");
        var manifests = Directory.EnumerateFiles(Path.Combine(platform.DataDirectory, "subscription-files"), "manifest.json", SearchOption.AllDirectories).Count();
        output.WriteLine($"deliveries: {made} made due, {delivered} delivered after {deadline.Elapsed.TotalSeconds:0.0} s, {rerun} run more than once, "
            + $"{duplicates} periods with two rows, {manifests} manifests in the buckets");
        Assert.True(made > 0, "no delivery was pending");
        Assert.True(delivered > 0, "nothing was delivered");
        Assert.Equal(0, rerun);
        Assert.Equal(0, duplicates);
        Assert.Equal(delivered, manifests);
    }

    /// <summary>
    /// Every event the services' outboxes hold was published, and each one a consumer received is in
    /// its inbox once; no message went to an error or skipped queue.
    /// </summary>
    private async Task EveryEventIsConsumedOnceAsync(PlatformFixture platform)
    {
        var deadline = Stopwatch.StartNew();
        long unsent;
        long total = 0;
        do
        {
            unsent = 0;
            total = 0;
            foreach (var database in Databases)
            {
                await using var source = NpgsqlDataSource.Create(await ConnectionStringAsync(platform, database));
                unsent += await ScalarAsync(source, "SELECT count(*) FROM outbox_messages WHERE sent_at IS NULL");
                total += await ScalarAsync(source, "SELECT count(*) FROM outbox_messages");
            }

            if (unsent > 0)
            {
                Assert.True(deadline.Elapsed < TimeSpan.FromMinutes(1), $"{unsent} outbox events still unpublished after a minute");
                await Task.Delay(TimeSpan.FromSeconds(1));
            }
        }
        while (unsent > 0);

        // The read models of subscription-files-api take the coupons' expiry events: once each.
        await using var files = NpgsqlDataSource.Create(await ConnectionStringAsync(platform, "subscriptionfilesdb"));
        await using var coupons = NpgsqlDataSource.Create(await ConnectionStringAsync(platform, "couponsdb"));
        var expiredIds = new List<Guid>();
        await using (var command = coupons.CreateCommand("SELECT id FROM outbox_messages WHERE message_type LIKE '%CouponExpired%'"))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                expiredIds.Add(reader.GetGuid(0));
            }
        }

        var consumedDeadline = Stopwatch.StartNew();
        long consumed;
        while ((consumed = await ScalarAsync(files, "SELECT count(DISTINCT message_id) FROM inbox_messages WHERE message_id = ANY($1)", expiredIds.ToArray())) < expiredIds.Count
            && consumedDeadline.Elapsed < TimeSpan.FromMinutes(1))
        {
            await Task.Delay(TimeSpan.FromSeconds(1));
        }

        var inboxRows = await ScalarAsync(files, "SELECT count(*) FROM inbox_messages WHERE message_id = ANY($1)", expiredIds.ToArray());
        var consumers = await ScalarAsync(files, "SELECT count(DISTINCT consumer) FROM inbox_messages WHERE message_id = ANY($1)", expiredIds.ToArray());
        var queues = await FaultQueuesAsync(platform);
        output.WriteLine($"events: {total} in the outboxes, all published; {expiredIds.Count} coupon expiries consumed by subscription-files-api: "
            + $"{consumed} distinct, {inboxRows} inbox rows over {consumers} consumer(s); error/skipped queues: "
            + (queues.Count == 0 ? "none" : string.Join(", ", queues.Select(q => $"{q.Key}={q.Value}"))));
        Assert.Equal(expiredIds.Count, consumed);
        Assert.Equal(expiredIds.Count * consumers, inboxRows);
        Assert.All(queues, queue => Assert.True(queue.Value == 0, $"{queue.Key} holds {queue.Value} messages"));
    }

    private static readonly string[] Databases =
        ["identitydb", "resellersdb", "couponsdb", "opportunitiesdb", "incentivesdb", "subscriptionfilesdb"];

    /// <summary>The error and skipped queues MassTransit makes, with their message counts (RabbitMQ management API).</summary>
    private static async Task<Dictionary<string, long>> FaultQueuesAsync(PlatformFixture platform)
    {
        var eventbus = platform.App.Services.GetRequiredService<DistributedApplicationModel>().Resources.Single(r => r.Name == "eventbus");
        var management = ((IResourceWithEndpoints)eventbus).GetEndpoint("management").Url;
        var password = await ((PartnerPlatform.AppHost.LocalServers.LocalServerResource)eventbus).Password.GetValueAsync(CancellationToken.None);
        using var client = new HttpClient { BaseAddress = new Uri(management) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"platform:{password}")));
        var queues = await client.GetFromJsonAsync<JsonElement>("api/queues");
        return queues.EnumerateArray()
            .Select(q => (Name: q.GetProperty("name").GetString()!, Messages: q.TryGetProperty("messages", out var m) ? m.GetInt64() : 0))
            .Where(q => q.Name.EndsWith("_error", StringComparison.Ordinal) || q.Name.EndsWith("_skipped", StringComparison.Ordinal))
            .ToDictionary(q => q.Name, q => q.Messages);
    }

    /// <summary>The direct address of every running instance of each project (its own port, not the orchestrator's proxy).</summary>
    private static async Task<Dictionary<string, List<string>>> RunningInstancesAsync(DistributedApplication app)
    {
        var notifications = app.Services.GetRequiredService<ResourceNotificationService>();
        var instances = new Dictionary<string, Dictionary<string, string>>();
        using var enough = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            await foreach (var change in notifications.WatchAsync(enough.Token))
            {
                if (change.Resource is not ProjectResource || change.Snapshot.State?.Text != KnownResourceStates.Running
                    || change.Snapshot.EnvironmentVariables.FirstOrDefault(v => v.Name == "ASPNETCORE_URLS") is not { Value: { Length: > 0 } urls })
                {
                    continue;
                }

                var name = change.Resource.Name;
                if (!instances.TryGetValue(name, out var byId))
                {
                    instances[name] = byId = [];
                }

                byId[change.ResourceId] = urls.Split(';')[0].Replace("localhost", "127.0.0.1", StringComparison.Ordinal);
            }
        }
        catch (OperationCanceledException)
        {
        }

        return instances.ToDictionary(p => p.Key, p => p.Value.Values.Distinct().ToList());
    }

    private static async Task<string> ConnectionStringAsync(PlatformFixture platform, string name) =>
        await platform.App.GetConnectionStringAsync(name) ?? throw new InvalidOperationException($"{name} has no connection string");

    private static async Task<long> ScalarAsync(NpgsqlDataSource source, string sql, params object[] parameters)
    {
        await using var command = source.CreateCommand(sql);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        }

        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task<int> ExecuteAsync(NpgsqlDataSource source, string sql)
    {
        await using var command = source.CreateCommand(sql);
        return await command.ExecuteNonQueryAsync();
    }
}

/// <summary>A fact that runs only with <c>PP_REPLICAS_PROOF=1</c>: it starts a replicas-2 platform of its own.</summary>
public sealed class ReplicasProofFactAttribute : FactAttribute
{
    public ReplicasProofFactAttribute()
    {
        if (Environment.GetEnvironmentVariable("PP_REPLICAS_PROOF") != "1")
        {
            Skip = "The replicas-2 proof runs on request: PP_REPLICAS_PROOF=1 (AppHost/README.md)";
        }
    }
}

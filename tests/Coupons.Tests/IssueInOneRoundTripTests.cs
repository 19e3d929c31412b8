using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Coupons.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Coupons.Tests;

/// <summary>
/// An issue takes one round trip, its idempotency key included (no lookup before it: its insert of the
/// key is the check), and every row it writes (coupon, ledger, movement, operation record, outbox
/// row, idempotency key with the answer) commits in one transaction; so does an issue that refuses
/// some customers.
/// </summary>
[Collection(CouponsCollection.Name)]
public sealed class IssueInOneRoundTripTests(CouponsApiFactory api)
{
    private const string IssuePath = "/v2/promotions/benefits/partner-coupons";
    private readonly Scenario _scenario = new(api);

    [Fact]
    public async Task Once_the_quota_is_known_an_issue_costs_one_database_command_which_also_takes_the_idempotency_key()
    {
        var issuer = await _scenario.NewIssuerAsync(amount: 100.00m, customers: 2);
        await _scenario.IssueOneAsync(issuer, 1.00m, issuer.Customers[0]);
        var commands = new ConcurrentBag<string>();
        var traceId = ActivityTraceId.CreateRandom();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is "Npgsql" or "Microsoft.AspNetCore",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                if (activity.Source.Name == "Npgsql" && activity.TraceId == traceId)
                {
                    commands.Add(activity.DisplayName);
                }
            },
        };
        ActivitySource.AddActivityListener(listener);
        using var client = issuer.Client();
        using var request = new HttpRequestMessage(HttpMethod.Post, IssuePath)
        {
            Content = System.Net.Http.Json.JsonContent.Create(
                new { quota_id = issuer.QuotaId, customer_ids = new[] { issuer.Customers[1] }, face_value = 1.00m }, options: PartnerPlatform.ServiceDefaults.PlatformJson.Options),
        };
        request.Headers.Authorization = new("Bearer", api.IssueToken(Scenario.Partner(issuer.PartnerId)));
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString("N"));
        request.Headers.Add("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom()}-01");

        var answer = await (await client.Http.SendAsync(request)).IsSuccess();

        Assert.Single(answer.GetProperty("succeeded").EnumerateArray());
        Assert.Single(commands);
    }

    [Fact]
    public async Task A_repeat_racing_the_first_request_with_its_key_waits_for_it_and_answers_its_answer()
    {
        // The first request is held at the quota row (its charge), after its statement took the key;
        // the repeat's statement then waits on the key and, once the first commits, fails on it and
        // answers the stored answer: one coupon, one charge.
        var issuer = await _scenario.NewIssuerAsync(amount: 100.00m, customers: 1);
        var token = api.IssueToken(Scenario.Partner(issuer.PartnerId));
        var key = Guid.NewGuid().ToString("N");
        var request = new { quota_id = issuer.QuotaId, customer_ids = issuer.Customers, face_value = 10.00m };

        await using var quotaLock = await HeldTransaction.BeginAsync(api);
        await quotaLock.ExecuteAsync("SELECT 1 FROM quotas WHERE id = @p0 FOR UPDATE", issuer.QuotaId);
        var first = SendKeyedWithHeadersAsync(token, request, key);
        await HeldTransaction.WaitUntilBlockedAsync(api, 1, first);
        var repeat = SendKeyedWithHeadersAsync(token, request, key);
        await HeldTransaction.WaitUntilBlockedAsync(api, 2, first, repeat);
        await quotaLock.CommitAsync();

        var answers = await Task.WhenAll(first, repeat);

        Assert.All(answers, a => Assert.True(a.StatusCode == HttpStatusCode.OK, $"{a.StatusCode}: {a.Body}"));
        Assert.Single(answers.Select(a => a.Body).Distinct());
        Assert.Equal(new[] { false, true }, answers.Select(a => a.Replayed));
        Assert.Equal((90.00m, 90.00m), await _scenario.QuotaBalanceAsync(issuer.QuotaId));
        await using var db = api.Db();
        Assert.Equal(1, await db.Coupons.CountAsync(c => c.QuotaId == issuer.QuotaId));
    }

    [Fact]
    public async Task A_key_whose_stored_answer_expired_issues_anew()
    {
        var issuer = await _scenario.NewIssuerAsync(amount: 100.00m, customers: 1);
        using var client = issuer.Client();
        var key = Guid.NewGuid().ToString("N");
        var first = await (await client.PostAsync(IssuePath, new { quota_id = issuer.QuotaId, customer_ids = issuer.Customers, face_value = 10.00m }, key)).IsSuccess();
        await using (var db = api.Db())
        {
            var expired = api.Clock.GetUtcNow().AddSeconds(-1);
            await db.Database.ExecuteSqlAsync($"UPDATE idempotency_keys SET expires_at = {expired} WHERE key = {key}");
        }

        var renewed = await client.PostAsync(IssuePath, new { quota_id = issuer.QuotaId, customer_ids = issuer.Customers, face_value = 20.00m }, key);
        var second = await renewed.IsSuccess();

        Assert.False(renewed.Headers.Contains("Idempotent-Replayed"));
        Assert.NotEqual(first.GetRawText(), second.GetRawText());
        Assert.Equal(70.00m, (await _scenario.QuotaBalanceAsync(issuer.QuotaId)).Remaining);
        await using var check = api.Db();
        Assert.Equal(2, await check.Coupons.CountAsync(c => c.QuotaId == issuer.QuotaId));
        Assert.Single(await check.Database.SqlQuery<string>($"SELECT key AS \"Value\" FROM idempotency_keys WHERE key = {key}").ToListAsync());
    }

    [Fact]
    public async Task Every_row_of_an_issue_and_its_idempotency_key_commit_in_one_transaction()
    {
        var issuer = await _scenario.NewIssuerAsync(amount: 100.00m, customers: 2);
        using var client = issuer.Client();
        var key = Guid.NewGuid().ToString("N");

        var response = await client.PostAsync(IssuePath, new { quota_id = issuer.QuotaId, customer_ids = issuer.Customers, face_value = 5.00m, remark = "spring" }, key);
        var body = await response.Content.ReadAsStringAsync();
        var answer = await response.IsSuccess();

        var couponIds = answer.GetProperty("succeeded").EnumerateArray().Select(c => c.GetProperty("coupon_id").GetGuid()).ToArray();
        Assert.Equal(2, couponIds.Length);
        await using var db = api.Db();
        var transactions = new HashSet<string>();
        foreach (var couponId in couponIds)
        {
            transactions.UnionWith(await TransactionsOfAsync(db, couponId));
        }

        transactions.UnionWith(await db.Database.SqlQuery<string>($"SELECT xmin::text AS \"Value\" FROM idempotency_keys WHERE key = {key}").ToListAsync());
        Assert.Single(transactions);
        var stored = await db.Database.SqlQuery<byte[]>($"SELECT body AS \"Value\" FROM idempotency_keys WHERE key = {key}").SingleAsync();
        Assert.Equal(body, System.Text.Encoding.UTF8.GetString(stored));

        var coupon = await db.Coupons.SingleAsync(c => c.Id == couponIds[0]);
        Assert.Equal(("spring", 5.00m, 5.00m, "CNY"), (coupon.Remark, coupon.FaceValue, coupon.Balance, coupon.Currency));
        var record = await db.OperationRecords.SingleAsync(r => r.CouponId == couponIds[0]);
        Assert.Equal((issuer.PartnerId, issuer.Customers[0], 5.00m, "spring"), (record.PartnerId, record.CustomerId!.Value, record.Amount!.Value, record.Remark));
        Assert.Equal((90.00m, -10.00m + 100.00m), await _scenario.QuotaBalanceAsync(issuer.QuotaId));
        await api.EventuallyAsync(
            async d => await d.Database.SqlQuery<int>($"SELECT count(*)::int AS \"Value\" FROM outbox_messages WHERE sent_at IS NOT NULL AND payload->>'couponId' = {couponIds[0].ToString()}").SingleAsync() == 1,
            "the relay publishing the issue's event");
    }

    [Fact]
    public async Task A_partial_issue_commits_its_idempotency_key_with_its_coupons()
    {
        var issuer = await _scenario.NewIssuerAsync(amount: 10.00m, customers: 2);
        using var client = issuer.Client();
        var key = Guid.NewGuid().ToString("N");

        var answer = await (await client.PostAsync(IssuePath, new { quota_id = issuer.QuotaId, customer_ids = issuer.Customers, face_value = 10.00m }, key)).IsSuccess();

        var couponId = answer.GetProperty("succeeded").EnumerateArray().Single().GetProperty("coupon_id").GetGuid();
        Assert.Equal(["CBC.99006003"], answer.ErrorCodes());
        await using var db = api.Db();
        var coupon = await TransactionsOfAsync(db, couponId);
        var keyRow = await db.Database.SqlQuery<string>($"SELECT xmin::text AS \"Value\" FROM idempotency_keys WHERE key = {key}").ToListAsync();
        Assert.Equal(coupon, keyRow);
    }

    [Fact]
    public async Task Concurrent_requests_with_one_key_on_a_quota_for_one_coupon_all_get_the_first_answer()
    {
        var issuer = await _scenario.NewIssuerAsync(amount: 10.00m, customers: 1);
        var token = api.IssueToken(Scenario.Partner(issuer.PartnerId));
        var key = Guid.NewGuid().ToString();
        var request = new { quota_id = issuer.QuotaId, customer_ids = issuer.Customers, face_value = 10.00m };

        var answers = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => SendKeyedAsync(token, request, key)));

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.StatusCode));
        Assert.Single(answers.Select(a => a.Body).Distinct());
        Assert.Contains("coupon_id", answers[0].Body, StringComparison.Ordinal);
        Assert.Equal((0.00m, -10.00m + 10.00m), await _scenario.QuotaBalanceAsync(issuer.QuotaId));
    }

    [Fact]
    public async Task Concurrent_requests_with_one_key_on_a_quota_covering_part_of_them_all_get_the_first_partial_answer()
    {
        // The quota covers one of the two customers, so the work is a partial issue on the general
        // path; every duplicate must still get the first answer, no 500.
        var issuer = await _scenario.NewIssuerAsync(amount: 10.00m, customers: 2);
        var token = api.IssueToken(Scenario.Partner(issuer.PartnerId));
        var key = Guid.NewGuid().ToString();
        var request = new { quota_id = issuer.QuotaId, customer_ids = issuer.Customers, face_value = 10.00m };

        var answers = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => SendKeyedAsync(token, request, key)));

        Assert.All(answers, a => Assert.True(a.StatusCode == HttpStatusCode.OK, $"{a.StatusCode}: {a.Body}"));
        Assert.Single(answers.Select(a => a.Body).Distinct());
        Assert.Contains("CBC.99006003", answers[0].Body, StringComparison.Ordinal);
        Assert.Equal((0.00m, -10.00m + 10.00m), await _scenario.QuotaBalanceAsync(issuer.QuotaId));
    }

    [Fact]
    public async Task Duplicates_with_one_key_on_the_general_path_and_on_the_one_statement_path_charge_once_and_get_one_answer()
    {
        // The first request finds a customer not yet associated (one coupon, one refusal) and waits at
        // the quota row (held by the test); the customer is then associated, so its duplicate would
        // issue two. The key, taken before the quota, decides: one charge, one answer.
        var issuer = await _scenario.NewIssuerAsync(amount: 1000.00m, customers: 2);
        var late = Guid.NewGuid();
        var token = api.IssueToken(Scenario.Partner(issuer.PartnerId));
        var key = Guid.NewGuid().ToString("N");
        var request = new { quota_id = issuer.QuotaId, customer_ids = new[] { issuer.Customers[0], issuer.Customers[1], late }, face_value = 100.00m };
        Task<(HttpStatusCode StatusCode, string Body)> SendAsync() => SendKeyedAsync(token, request, key);

        await using var quotaLock = await HeldTransaction.BeginAsync(api);
        await quotaLock.ExecuteAsync("SELECT 1 FROM quotas WHERE id = @p0 FOR UPDATE", issuer.QuotaId);
        var general = SendAsync();
        await HeldTransaction.WaitUntilBlockedAsync(api, 1, general);
        await api.PublishAsync(new PartnerPlatform.Contracts.Identity.CustomerAssociated(issuer.PartnerId, late, "reseller", null, _scenario.Now));
        await api.EventuallyAsync(db => db.CustomerAssociations.AnyAsync(a => a.CustomerId == late), "association of the late customer");
        var oneStatement = SendAsync();
        await HeldTransaction.WaitUntilBlockedAsync(api, 2, general, oneStatement);
        await quotaLock.CommitAsync();

        var answers = await Task.WhenAll(general, oneStatement);

        Assert.All(answers, a => Assert.True(a.StatusCode == HttpStatusCode.OK, $"{a.StatusCode}: {a.Body}"));
        Assert.Single(answers.Select(a => a.Body).Distinct());
        Assert.Equal(["CBC.99006010"], System.Text.Json.JsonDocument.Parse(answers[0].Body).RootElement.ErrorCodes());
        Assert.Equal((800.00m, 800.00m), await _scenario.QuotaBalanceAsync(issuer.QuotaId));
        await using var db = api.Db();
        Assert.Equal(2, await db.Coupons.CountAsync(c => c.QuotaId == issuer.QuotaId));
    }

    [Fact]
    public async Task A_replay_answers_the_stored_issue_even_after_the_quota_was_frozen()
    {
        var issuer = await _scenario.NewIssuerAsync(amount: 100.00m, customers: 1);
        using var client = issuer.Client();
        var key = Guid.NewGuid().ToString("N");
        var request = new { quota_id = issuer.QuotaId, customer_ids = issuer.Customers, face_value = 10.00m };
        var first = await (await client.PostAsync(IssuePath, request, key)).Content.ReadAsStringAsync();
        await using (var db = api.Db())
        {
            await db.Database.ExecuteSqlAsync($"UPDATE quotas SET status = 'frozen' WHERE id = {issuer.QuotaId}");
        }

        var replay = await client.PostAsync(IssuePath, request, key);

        Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
        Assert.Equal(first, await replay.Content.ReadAsStringAsync());
        Assert.Equal("true", replay.Headers.GetValues("Idempotent-Replayed").Single());
        await (await client.PostIdempotentAsync(IssuePath, request)).IsProblem(HttpStatusCode.Conflict, "CBC.99006001");
    }

    [Fact]
    public async Task A_charge_refused_after_the_rows_were_written_leaves_no_coupon_ledger_movement_record_or_event()
    {
        var issuer = await _scenario.NewIssuerAsync(amount: 100.00m, customers: 2);
        await _scenario.IssueOneAsync(issuer, 10.00m, issuer.Customers[0]);
        await using (var db = api.Db())
        {
            // Behind the quota's back, so the one-round-trip issue writes its rows before its charge is refused.
            await db.Database.ExecuteSqlAsync($"UPDATE quotas SET remaining_amount = 5.00 WHERE id = {issuer.QuotaId}");
        }

        using var client = issuer.Client();
        var key = Guid.NewGuid().ToString("N");
        var answer = await (await client.PostAsync(IssuePath, new { quota_id = issuer.QuotaId, customer_ids = new[] { issuer.Customers[1] }, face_value = 10.00m }, key))
            .IsSuccess();

        Assert.Empty(answer.GetProperty("succeeded").EnumerateArray());
        Assert.Equal(["CBC.99006003"], answer.ErrorCodes());
        Assert.Equal((1, 1, 1, 1, 1), await RowsOfQuotaAsync(issuer.QuotaId));
        await using var check = api.Db();
        var stored = await check.Database.SqlQuery<byte[]>($"SELECT body AS \"Value\" FROM idempotency_keys WHERE key = {key}").SingleAsync();
        Assert.DoesNotContain("coupon_id", System.Text.Encoding.UTF8.GetString(stored), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_charge_refused_by_a_frozen_quota_leaves_no_row_and_no_idempotency_key()
    {
        var issuer = await _scenario.NewIssuerAsync(amount: 100.00m, customers: 2);
        await _scenario.IssueOneAsync(issuer, 10.00m, issuer.Customers[0]);
        await using (var db = api.Db())
        {
            await db.Database.ExecuteSqlAsync($"UPDATE quotas SET status = 'frozen' WHERE id = {issuer.QuotaId}");
        }

        using var client = issuer.Client();
        var key = Guid.NewGuid().ToString("N");
        await (await client.PostAsync(IssuePath, new { quota_id = issuer.QuotaId, customer_ids = new[] { issuer.Customers[1] }, face_value = 10.00m }, key))
            .IsProblem(HttpStatusCode.Conflict, "CBC.99006001");

        Assert.Equal((1, 1, 1, 1, 1), await RowsOfQuotaAsync(issuer.QuotaId));
        await using var check = api.Db();
        Assert.Empty(await check.Database.SqlQuery<string>($"SELECT key AS \"Value\" FROM idempotency_keys WHERE key = {key}").ToListAsync());
    }

    [Fact]
    public async Task A_division_by_zero_in_the_writing_statement_is_an_error_not_a_refused_charge()
    {
        var issuer = await _scenario.NewIssuerAsync(amount: 100.00m, customers: 1);
        await using var db = api.Db();
        await db.Database.ExecuteSqlRawAsync(
            """
            CREATE FUNCTION divide_by_zero_on_probe() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
              IF NEW.remark = 'division probe' THEN PERFORM 1 / (length(NEW.remark) - length(NEW.remark)); END IF;
              RETURN NEW;
            END $$;
            CREATE TRIGGER divide_by_zero_on_probe BEFORE INSERT ON operation_records
              FOR EACH ROW EXECUTE FUNCTION divide_by_zero_on_probe();
            """);
        try
        {
            var now = api.Clock.GetUtcNow();
            Coupons.Api.Domain.Coupon[] coupons =
            [
                new()
                {
                    Id = Guid.CreateVersion7(now), CouponType = Coupons.Api.Domain.QuotaType.Voucher, Source = Coupons.Api.Domain.CouponSource.PartnerIssue,
                    QuotaId = issuer.QuotaId, IssuerPartnerId = issuer.PartnerId, CustomerId = issuer.Customers[0], FaceValue = 1.00m, Balance = 1.00m,
                    Currency = "CNY", Status = Coupons.Api.Domain.CouponStatus.Available, ValidFrom = now, ExpiresAt = now.AddDays(30),
                    IssuedBy = "probe", Remark = "division probe", IssuedAt = now, UpdatedAt = now,
                },
            ];

            var error = await Assert.ThrowsAsync<Npgsql.PostgresException>(() => Coupons.Api.Data.IssueStatement.TryRunAsync(
                db, coupons, [], issuer.PartnerId, null, "probe", Coupons.Api.Application.IssuingService.AnswerFormatOf(PartnerPlatform.ServiceDefaults.PlatformJson.Options), null, CancellationToken.None));

            Assert.Equal(Npgsql.PostgresErrorCodes.DivisionByZero, error.SqlState);
            Assert.Equal((0, 0, 0, 0, 0), await RowsOfQuotaAsync(issuer.QuotaId));
        }
        finally
        {
            await db.Database.ExecuteSqlRawAsync("DROP TRIGGER divide_by_zero_on_probe ON operation_records; DROP FUNCTION divide_by_zero_on_probe();");
        }
    }

    /// <summary>Coupons, ledger rows, quota movements, operation records and outbox events of a quota.</summary>
    private async Task<(int Coupons, int Ledger, int Movements, int Records, int Events)> RowsOfQuotaAsync(Guid quotaId)
    {
        await using var db = api.Db();
        return (
            await db.Coupons.CountAsync(c => c.QuotaId == quotaId),
            await db.CouponLedgerEntries.CountAsync(e => db.Coupons.Any(c => c.Id == e.CouponId && c.QuotaId == quotaId)),
            await db.QuotaMovements.CountAsync(m => m.QuotaId == quotaId && m.CouponId != null),
            await db.OperationRecords.CountAsync(r => r.QuotaId == quotaId && r.CouponId != null),
            await db.Database.SqlQuery<int>(
                $"SELECT count(*)::int AS \"Value\" FROM outbox_messages WHERE message_type LIKE '%CouponIssued%' AND payload->>'quotaId' = {quotaId.ToString()}").SingleAsync());
    }

    /// <summary>
    /// The transactions that wrote the coupon, its ledger, movement and operation record (not its
    /// outbox row: the relay updates that row, which gives it a new xmin).
    /// </summary>
    private static Task<List<string>> TransactionsOfAsync(Coupons.Api.Data.CouponsDbContext db, Guid couponId) =>
        db.Database.SqlQuery<string>(
            $"""
             SELECT xmin::text AS "Value" FROM coupons WHERE id = {couponId}
             UNION SELECT xmin::text FROM coupon_ledger_entries WHERE coupon_id = {couponId}
             UNION SELECT xmin::text FROM quota_movements WHERE coupon_id = {couponId}
             UNION SELECT xmin::text FROM operation_records WHERE coupon_id = {couponId}
             """).ToListAsync();

    /// <summary>As <see cref="SendKeyedAsync"/>, also telling whether the answer was a replay.</summary>
    private async Task<(HttpStatusCode StatusCode, string Body, bool Replayed)> SendKeyedWithHeadersAsync(string token, object request, string key)
    {
        using var client = new ApiClient(new HttpClient { BaseAddress = api.BaseAddress }, token);
        var response = await client.PostAsync(IssuePath, request, key);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(), response.Headers.Contains("Idempotent-Replayed"));
    }

    /// <summary>One issue request with <paramref name="key"/>, from a client of its own (its own connection).</summary>
    private async Task<(HttpStatusCode StatusCode, string Body)> SendKeyedAsync(string token, object request, string key)
    {
        using var client = new ApiClient(new HttpClient { BaseAddress = api.BaseAddress }, token);
        var response = await client.PostAsync(IssuePath, request, key);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }
}

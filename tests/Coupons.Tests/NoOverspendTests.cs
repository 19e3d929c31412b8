using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Coupons.Api.Domain;
using Coupons.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Coupons.Tests;

/// <summary>
/// Concurrency claims, proven by racing real HTTP clients against the real service and database:
/// the quota never overspends, a coupon's balance never goes below zero, every unit is accounted for.
/// </summary>
[Collection(CouponsCollection.Name)]
public sealed class NoOverspendTests(CouponsApiFactory api)
{
    private readonly Scenario _scenario = new(api);

    [Fact]
    public async Task Two_thousand_concurrent_issue_requests_against_a_quota_for_100_coupons_issue_exactly_100()
    {
        const int requests = 2000;
        const int clients = 40;
        var issuer = await _scenario.NewIssuerAsync(amount: 1000.00m, customers: 100);
        var token = api.IssueToken(Scenario.Partner(issuer.PartnerId));
        var httpClients = Enumerable.Range(0, clients)
            .Select(_ => new ApiClient(new HttpClient { BaseAddress = api.BaseAddress, Timeout = TimeSpan.FromMinutes(3) }, token))
            .ToArray();
        var statuses = new ConcurrentBag<HttpStatusCode>();
        var issuedIds = new ConcurrentBag<Guid>();
        var errorCodes = new ConcurrentBag<string>();
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var tasks = Enumerable.Range(0, requests).Select(i => Task.Run(async () =>
        {
            await start.Task;
            var response = await httpClients[i % clients].PostIdempotentAsync("/v2/promotions/benefits/partner-coupons", new
            {
                quota_id = issuer.QuotaId,
                customer_ids = new[] { issuer.Customers[i % issuer.Customers.Length] },
                face_value = 10.00m,
            });
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.OK)
            {
                var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
                foreach (var issued in body.GetProperty("succeeded").EnumerateArray())
                {
                    issuedIds.Add(issued.GetProperty("coupon_id").GetGuid());
                }

                foreach (var code in body.ErrorCodes())
                {
                    errorCodes.Add(code);
                }
            }
        })).ToList();
        start.SetResult();
        await Task.WhenAll(tasks);
        foreach (var client in httpClients)
        {
            client.Dispose();
        }

        Assert.All(statuses, status => Assert.Equal(HttpStatusCode.OK, status));
        Assert.Equal(100, issuedIds.Distinct().Count());
        Assert.Equal(requests - 100, errorCodes.Count);
        Assert.All(errorCodes, code => Assert.Equal("CBC.99006003", code));

        await using var db = api.Db();
        Assert.Equal(100, await db.Coupons.CountAsync(c => c.QuotaId == issuer.QuotaId));
        var (remaining, movementSum) = await _scenario.QuotaBalanceAsync(issuer.QuotaId);
        Assert.Equal(0.00m, remaining);
        Assert.Equal(remaining, movementSum);
        var ledgerMismatches = await db.Coupons.Where(c => c.QuotaId == issuer.QuotaId)
            .Where(c => db.CouponLedgerEntries.Where(e => e.CouponId == c.Id).Sum(e => e.Amount) != c.Balance)
            .CountAsync();
        Assert.Equal(0, ledgerMismatches);
        Assert.Equal(1000.00m, await db.Coupons.Where(c => c.QuotaId == issuer.QuotaId).SumAsync(c => c.FaceValue));
    }

    [Fact]
    public async Task Concurrent_batch_issues_that_the_quota_covers_only_in_part_still_issue_exactly_what_it_covers()
    {
        var issuer = await _scenario.NewIssuerAsync(amount: 100.00m, customers: 7);
        var token = api.IssueToken(Scenario.Partner(issuer.PartnerId));
        var issued = new ConcurrentBag<Guid>();
        var insufficient = new ConcurrentBag<string>();
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var tasks = Enumerable.Range(0, 60).Select(i => Task.Run(async () =>
        {
            using var client = new ApiClient(new HttpClient { BaseAddress = api.BaseAddress }, token);
            await start.Task;
            var customers = Enumerable.Range(0, 3).Select(k => issuer.Customers[(i + k) % issuer.Customers.Length]).ToArray();
            var body = await (await client.PostIdempotentAsync("/v2/promotions/benefits/partner-coupons", new { quota_id = issuer.QuotaId, customer_ids = customers, face_value = 1.00m }))
                .IsSuccess();
            foreach (var coupon in body.GetProperty("succeeded").EnumerateArray())
            {
                issued.Add(coupon.GetProperty("coupon_id").GetGuid());
            }

            foreach (var code in body.ErrorCodes())
            {
                insufficient.Add(code);
            }
        })).ToList();
        start.SetResult();
        await Task.WhenAll(tasks);

        Assert.Equal(100, issued.Distinct().Count());
        Assert.Equal(180 - 100, insufficient.Count);
        Assert.All(insufficient, code => Assert.Equal("CBC.99006003", code));
        var (remaining, movementSum) = await _scenario.QuotaBalanceAsync(issuer.QuotaId);
        Assert.Equal(0.00m, remaining);
        Assert.Equal(remaining, movementSum);
        await using var db = api.Db();
        Assert.Equal(100, await db.Coupons.CountAsync(c => c.QuotaId == issuer.QuotaId));
    }

    [Fact]
    public async Task Concurrent_recalls_and_redemptions_of_one_coupon_never_take_more_than_its_balance()
    {
        var issuer = await _scenario.NewIssuerAsync(amount: 1000.00m, customers: 1);
        var couponId = await _scenario.IssueOneAsync(issuer, 100.00m);
        var redeemer = api.IssueToken(Scenario.Vendor("ops"));
        var partner = api.IssueToken(Scenario.Partner(issuer.PartnerId));
        var deducted = new ConcurrentBag<decimal>();
        var recalled = new ConcurrentBag<decimal>();
        var failures = new ConcurrentBag<string>();
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var tasks = Enumerable.Range(0, 60).Select(i => Task.Run(async () =>
        {
            using var client = new ApiClient(new HttpClient { BaseAddress = api.BaseAddress }, i % 2 == 0 ? redeemer : partner);
            await start.Task;
            HttpResponseMessage response = i % 2 == 0
                ? await client.PostAsync($"/v2/coupons/{couponId}/redemptions", new { order_id = $"order-{couponId:N}-{i}", order_amount = 7.00m, currency = "CNY" })
                : await client.PostIdempotentAsync("/v2/promotions/benefits/partner-coupons/reclaim", new { coupon_id = couponId, amount = 3.00m });
            var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
            switch (response.StatusCode)
            {
                case HttpStatusCode.Created:
                    deducted.Add(body.GetProperty("deducted_amount").GetDecimal());
                    break;
                case HttpStatusCode.OK:
                    recalled.Add(body.GetProperty("recalled_amount").GetDecimal());
                    break;
                default:
                    failures.Add(body.GetProperty("error_code").GetString()!);
                    break;
            }
        })).ToList();
        start.SetResult();
        await Task.WhenAll(tasks);

        var (balance, status, ledgerSum) = await _scenario.CouponBalanceAsync(couponId);
        Assert.True(balance >= 0);
        Assert.Equal(balance, ledgerSum);
        Assert.Equal(100.00m, deducted.Sum() + recalled.Sum() + balance);
        Assert.True(deducted.Count + recalled.Count > 0);
        Assert.All(failures, code => Assert.Contains(code, new[] { "CBC.99006020", "CBC.99000048", "CBC.99006021" }));
        Assert.Equal(60, deducted.Count + recalled.Count + failures.Count);
        if (balance == 0)
        {
            Assert.NotEqual(CouponStatus.Available, status);
        }

        var (remaining, movementSum) = await _scenario.QuotaBalanceAsync(issuer.QuotaId);
        Assert.Equal(900.00m + recalled.Sum(), remaining);
        Assert.Equal(remaining, movementSum);
        await using var db = api.Db();
        Assert.Equal(deducted.Count, await db.Redemptions.CountAsync(r => r.CouponId == couponId));
        Assert.Equal(deducted.Sum(), await db.Redemptions.Where(r => r.CouponId == couponId).SumAsync(r => r.DeductedAmount));
    }
}

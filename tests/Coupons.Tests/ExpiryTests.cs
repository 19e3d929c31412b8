using System.Net;
using Coupons.Api.Domain;
using Coupons.Api.Jobs;
using Coupons.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Coupons.Tests;

/// <summary>The expiry sweeper, driven by the test's clock.</summary>
[Collection(CouponsCollection.Name)]
public sealed class ExpiryTests(CouponsApiFactory api)
{
    private readonly Scenario _scenario = new(api);

    [Fact]
    public async Task The_sweeper_expires_due_coupons_zeroes_their_balance_in_the_ledger_and_publishes_coupon_expired()
    {
        var issuer = await _scenario.NewIssuerAsync(customers: 1, edit: body => body["expire_time"] = _scenario.Now.AddDays(30));
        var due = await _scenario.IssueOneAsync(issuer, 10.00m, extra: new { expire_time = _scenario.Now.AddDays(1) });
        var notDue = await _scenario.IssueOneAsync(issuer, 10.00m);
        var sweeper = api.Services.GetRequiredService<ExpirySweeper>();
        await sweeper.SweepAsync();
        Assert.Equal(CouponStatus.Available, (await _scenario.CouponBalanceAsync(due)).Status);

        api.Clock.Advance(TimeSpan.FromDays(2));
        await sweeper.SweepAsync();

        var (balance, status, ledger) = await _scenario.CouponBalanceAsync(due);
        Assert.Equal(CouponStatus.Expired, status);
        Assert.Equal(0.00m, balance);
        Assert.Equal(balance, ledger);
        Assert.Equal(CouponStatus.Available, (await _scenario.CouponBalanceAsync(notDue)).Status);
        await using var db = api.Db();
        var expiredEvents = await db.Database.SqlQuery<int>(
            $"SELECT count(*)::int AS \"Value\" FROM outbox_messages WHERE message_type LIKE 'PartnerPlatform.Contracts.Coupons.CouponExpired,%' AND payload->>'couponId' = {due.ToString()}")
            .SingleAsync();
        Assert.Equal(1, expiredEvents);
    }

    [Fact]
    public async Task Two_sweepers_racing_expire_each_coupon_once()
    {
        var issuer = await _scenario.NewIssuerAsync(amount: 10000.00m, customers: 100, edit: body => body["expire_time"] = _scenario.Now.AddDays(30));
        using var client = issuer.Client();
        var issued = await (await client.PostIdempotentAsync("/v2/promotions/benefits/partner-coupons", new
        {
            quota_id = issuer.QuotaId, customer_ids = issuer.Customers, face_value = 1.00m, expire_time = _scenario.Now.AddDays(1),
        })).IsSuccess();
        var couponIds = issued.GetProperty("succeeded").EnumerateArray().Select(e => e.GetProperty("coupon_id").GetGuid()).ToArray();
        Assert.Equal(100, couponIds.Length);
        api.Clock.Advance(TimeSpan.FromDays(2));
        var options = Options.Create(new Coupons.Api.CouponsOptions { ExpirySweepBatchSize = 7 });
        var scopes = api.Services.GetRequiredService<IServiceScopeFactory>();
        var sweepers = Enumerable.Range(0, 3).Select(_ => new ExpirySweeper(scopes, api.Clock, options, NullLogger<ExpirySweeper>.Instance)).ToArray();

        var counts = await Task.WhenAll(sweepers.Select(s => Task.Run(() => s.SweepAsync())));

        Assert.True(counts.Sum() >= 100);
        await using var db = api.Db();
        Assert.Equal(100, await db.Coupons.CountAsync(c => couponIds.Contains(c.Id) && c.Status == CouponStatus.Expired));
        Assert.Equal(100, await db.CouponLedgerEntries.CountAsync(e => couponIds.Contains(e.CouponId) && e.Kind == CouponLedgerKind.Expired));
    }

    [Fact]
    public async Task The_sweeper_marks_expired_quotas_invalid()
    {
        var issuer = await _scenario.NewIssuerAsync(customers: 1, edit: body => body["expire_time"] = _scenario.Now.AddDays(3));
        api.Clock.Advance(TimeSpan.FromDays(4));
        await api.Services.GetRequiredService<ExpirySweeper>().SweepAsync();

        await using var db = api.Db();
        Assert.Equal(QuotaStatus.Invalid, await db.Quotas.Where(q => q.Id == issuer.QuotaId).Select(q => q.Status).SingleAsync());
    }

    [Fact]
    public async Task Customers_see_their_own_coupons_and_not_those_expired_more_than_two_years_ago()
    {
        var issuer = await _scenario.NewIssuerAsync(customers: 2, edit: body => body["expire_time"] = _scenario.Now.AddDays(60));
        var old = await _scenario.IssueOneAsync(issuer, 10.00m, issuer.Customers[0], new { expire_time = _scenario.Now.AddDays(1) });
        var recent = await _scenario.IssueOneAsync(issuer, 20.00m, issuer.Customers[0], new { expire_time = _scenario.Now.AddDays(50) });
        var someoneElses = await _scenario.IssueOneAsync(issuer, 30.00m, issuer.Customers[1]);
        using (var customer = api.Client(Scenario.Customer(issuer.Customers[0])))
        {
            var mine = await (await customer.GetAsync("/v2/customers/me/coupons")).IsSuccess();
            Assert.Equal(2, mine.GetProperty("total_count").GetInt32());
            Assert.DoesNotContain(someoneElses, mine.GetProperty("coupons").EnumerateArray().Select(c => c.GetProperty("coupon_id").GetGuid()));
        }

        api.Clock.Advance(TimeSpan.FromDays(2 * 365 + 10));
        using var later = api.Client(Scenario.Customer(issuer.Customers[0]));
        var list = await (await later.GetAsync("/v2/customers/me/coupons")).IsSuccess();
        Assert.Equal([recent], list.GetProperty("coupons").EnumerateArray().Select(c => c.GetProperty("coupon_id").GetGuid()));
        Assert.Equal("expired", list.GetProperty("coupons")[0].GetProperty("status").GetString());
        var expired = await (await later.GetAsync("/v2/customers/me/coupons?status=expired&coupon_type=voucher")).IsSuccess();
        Assert.Equal(1, expired.GetProperty("total_count").GetInt32());
        using var partner = issuer.Client();
        var issuedList = await (await partner.GetAsync($"/v2/promotions/benefits/partner-coupons?customer_id={issuer.Customers[0]}")).IsSuccess();
        Assert.DoesNotContain(old, issuedList.GetProperty("coupons").EnumerateArray().Select(c => c.GetProperty("coupon_id").GetGuid()));
        await (await later.GetAsync("/v2/customers/me/coupons?status=lost")).IsProblem(HttpStatusCode.BadRequest, "CBC.0100");
        await (await partner.GetAsync("/v2/customers/me/coupons")).IsProblem(HttpStatusCode.Forbidden, "CBC.0151");
    }
}

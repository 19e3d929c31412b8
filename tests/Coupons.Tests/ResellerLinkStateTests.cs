using System.Net;
using Coupons.Api.Domain;
using Coupons.Tests.Support;
using Microsoft.EntityFrameworkCore;
using PartnerPlatform.Contracts.Resellers;

namespace Coupons.Tests;

/// <summary>
/// A cloud reseller issues out of a quota its distributor granted only while their link is active;
/// suspended or revoked, it keeps seeing its quotas and coupons, and the distributor can still
/// reclaim what it granted so the amount is not stuck. Issues, grants to the reseller and recalls of
/// its customers' coupons never commit after a suspension or revocation of the link has.
/// </summary>
[Collection(CouponsCollection.Name)]
public sealed class ResellerLinkStateTests(CouponsApiFactory api)
{
    private const string Quotas = "/v2/partners/coupon-quotas";
    private const string IssuePath = "/v2/promotions/benefits/partner-coupons";
    private const string RecallPath = "/v2/promotions/benefits/partner-coupons/reclaim";
    private readonly Scenario _scenario = new(api);

    [Fact]
    public async Task A_reseller_cannot_issue_from_its_distributors_quota_while_suspended_and_can_again_once_reinstated()
    {
        var world = await _scenario.NewGrantedResellerAsync(amount: 100.00m, customers: 2);
        using var reseller = world.ResellerClient();
        await (await reseller.PostIdempotentAsync(IssuePath, new { quota_id = world.QuotaId, customer_ids = world.Customers[..1], face_value = 10.00m }))
            .IsSuccess();

        await _scenario.SetLinkAsync(new ResellerSuspended(world.LinkId, world.Distributor, world.Reseller, _scenario.Now.AddSeconds(1)), world.LinkId, "suspended");

        // Covered by the quota, and covered only in part.
        await (await reseller.PostIdempotentAsync(IssuePath, new { quota_id = world.QuotaId, customer_ids = world.Customers[1..], face_value = 10.00m }))
            .IsProblem(HttpStatusCode.Forbidden, "CBC.99006004");
        await (await reseller.PostIdempotentAsync(IssuePath, new { quota_id = world.QuotaId, customer_ids = world.Customers, face_value = 50.00m }))
            .IsProblem(HttpStatusCode.Forbidden, "CBC.99006004");
        Assert.Equal((90.00m, 90.00m), await _scenario.QuotaBalanceAsync(world.QuotaId));

        await _scenario.SetLinkAsync(new ResellerReinstated(world.LinkId, world.Distributor, world.Reseller, _scenario.Now.AddSeconds(2)), world.LinkId, "active");

        var issued = await (await reseller.PostIdempotentAsync(IssuePath, new { quota_id = world.QuotaId, customer_ids = world.Customers[1..], face_value = 10.00m }))
            .IsSuccess();
        Assert.Single(issued.GetProperty("succeeded").EnumerateArray());
        Assert.Equal((80.00m, 80.00m), await _scenario.QuotaBalanceAsync(world.QuotaId));
    }

    [Fact]
    public async Task A_reseller_cannot_issue_from_its_distributors_quota_once_the_link_is_revoked_even_if_a_reinstatement_arrives_later()
    {
        var world = await _scenario.NewGrantedResellerAsync(amount: 100.00m, customers: 1);
        await _scenario.SetLinkAsync(new ResellerUnlinked(world.LinkId, world.Distributor, world.Reseller, "revoked", _scenario.Now.AddSeconds(1)), world.LinkId, "revoked");
        await api.PublishAsync(new ResellerReinstated(world.LinkId, world.Distributor, world.Reseller, _scenario.Now.AddSeconds(2)));
        await Task.Delay(300);
        using var reseller = world.ResellerClient();

        await (await reseller.PostIdempotentAsync(IssuePath, new { quota_id = world.QuotaId, customer_ids = world.Customers, face_value = 10.00m }))
            .IsProblem(HttpStatusCode.Forbidden, "CBC.99006004");

        Assert.Equal((100.00m, 100.00m), await _scenario.QuotaBalanceAsync(world.QuotaId));
        await using var db = api.Db();
        Assert.Equal(0, await db.Coupons.CountAsync(c => c.QuotaId == world.QuotaId));
    }

    [Fact]
    public async Task A_suspended_reseller_still_sees_its_quotas_and_coupons()
    {
        var world = await _scenario.NewGrantedResellerAsync(amount: 100.00m, customers: 1);
        using var reseller = world.ResellerClient();
        var couponId = (await (await reseller.PostIdempotentAsync(IssuePath, new { quota_id = world.QuotaId, customer_ids = world.Customers, face_value = 10.00m }))
            .IsSuccess()).GetProperty("succeeded")[0].GetProperty("coupon_id").GetGuid();
        await _scenario.SetLinkAsync(new ResellerSuspended(world.LinkId, world.Distributor, world.Reseller, _scenario.Now.AddSeconds(1)), world.LinkId, "suspended");

        var quotas = await (await reseller.PostAsync($"{Quotas}/query", new { quota_id = world.QuotaId })).IsSuccess();
        Assert.Equal("90.00", quotas.GetProperty("quotas")[0].GetProperty("remaining_amount").GetRawText());
        Assert.Equal("normal", (await (await reseller.GetAsync($"{Quotas}/{world.QuotaId}")).IsSuccess()).GetProperty("quota_status").GetString());
        var coupons = await (await reseller.GetAsync($"{IssuePath}?quota_id={world.QuotaId}")).IsSuccess();
        Assert.Equal([couponId], coupons.GetProperty("coupons").EnumerateArray().Select(c => c.GetProperty("coupon_id").GetGuid()));
        var detail = await (await reseller.GetAsync($"{IssuePath}/{couponId}")).IsSuccess();
        Assert.Equal("available", detail.GetProperty("coupon").GetProperty("status").GetString());
        var records = await (await reseller.GetAsync($"{IssuePath}/records/query?quota_id={world.QuotaId}")).IsSuccess();
        Assert.Equal(["coupon_issued", "quota_granted"], records.GetProperty("records").EnumerateArray().Select(r => r.GetProperty("operation_type").GetString()));
    }

    [Fact]
    public async Task A_distributor_reclaims_what_it_granted_to_a_suspended_reseller_and_to_a_revoked_one()
    {
        var world = await _scenario.NewGrantedResellerAsync(amount: 100.00m, customers: 1);
        var (revokedReseller, revokedLink) = await _scenario.NewResellerOfAsync(world.Distributor);
        var revokedQuota = await _scenario.GrantToResellerAsync(world.Distributor, world.SourceQuotaId, revokedReseller, 50.00m);
        using (var reseller = world.ResellerClient())
        {
            await (await reseller.PostIdempotentAsync(IssuePath, new { quota_id = world.QuotaId, customer_ids = world.Customers, face_value = 30.00m })).IsSuccess();
        }

        await _scenario.SetLinkAsync(new ResellerSuspended(world.LinkId, world.Distributor, world.Reseller, _scenario.Now.AddSeconds(1)), world.LinkId, "suspended");
        await _scenario.SetLinkAsync(new ResellerUnlinked(revokedLink, world.Distributor, revokedReseller, "revoked", _scenario.Now.AddSeconds(1)), revokedLink, "revoked");
        using var distributor = world.DistributorClient();

        var result = await (await distributor.PostIdempotentAsync($"{Quotas}/indirect-partner-reclaim", new { quota_ids = new[] { world.QuotaId, revokedQuota } }))
            .IsSuccess();

        Assert.Empty(result.ErrorCodes());
        var succeeded = result.GetProperty("succeeded").EnumerateArray().ToList();
        Assert.Equal([world.QuotaId, revokedQuota], succeeded.Select(s => s.GetProperty("quota_id").GetGuid()));
        Assert.Equal(["70.00", "50.00"], succeeded.Select(s => s.GetProperty("reclaimed_amount").GetRawText()));
        Assert.All(succeeded, s => Assert.True(s.GetProperty("returned_to_source").GetBoolean()));
        Assert.Equal((970.00m, 970.00m), await _scenario.QuotaBalanceAsync(world.SourceQuotaId));
        Assert.Equal((0.00m, 0.00m), await _scenario.QuotaBalanceAsync(world.QuotaId));
        using var reseller2 = world.ResellerClient();
        var invalid = await (await reseller2.PostAsync($"{Quotas}/query", new { quota_id = world.QuotaId })).IsSuccess();
        Assert.Equal("invalid", invalid.GetProperty("quotas")[0].GetProperty("quota_status").GetString());
    }

    [Fact]
    public async Task A_distributor_cannot_reclaim_a_quota_it_did_not_grant_nor_one_held_by_a_reseller_it_was_never_linked_to()
    {
        var world = await _scenario.NewGrantedResellerAsync(amount: 100.00m);
        await _scenario.SetLinkAsync(new ResellerSuspended(world.LinkId, world.Distributor, world.Reseller, _scenario.Now.AddSeconds(1)), world.LinkId, "suspended");
        var other = await _scenario.NewGrantedResellerAsync(amount: 100.00m);

        // The API grants only to linked resellers; a quota naming a distributor that was never linked to
        // its holder can only come from data written by other means, and must not be reclaimable either.
        var neverLinked = Guid.CreateVersion7();
        await using (var db = api.Db())
        {
            db.Quotas.Add(new Quota
            {
                Id = neverLinked, PartnerId = world.Reseller, QuotaType = QuotaType.Voucher, Currency = "CNY", TotalAmount = 10.00m,
                RemainingAmount = 10.00m, ValidFrom = _scenario.Now, ExpiresAt = _scenario.Now.AddDays(30), Status = QuotaStatus.Normal,
                DistributorPartnerId = other.Distributor, SourceQuotaId = other.SourceQuotaId, CreatedAt = _scenario.Now, UpdatedAt = _scenario.Now,
            });
            await db.SaveChangesAsync();
        }

        using var stranger = other.DistributorClient();
        var result = await (await stranger.PostIdempotentAsync($"{Quotas}/indirect-partner-reclaim", new { quota_ids = new[] { world.QuotaId, neverLinked } }))
            .IsSuccess();

        Assert.Empty(result.GetProperty("succeeded").EnumerateArray());
        Assert.Equal(["CBC.0156", "CBC.99006004"], result.ErrorCodes());
        Assert.Equal((100.00m, 100.00m), await _scenario.QuotaBalanceAsync(world.QuotaId));
        Assert.Equal(900.00m, (await _scenario.QuotaBalanceAsync(other.SourceQuotaId)).Remaining);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task An_issue_that_meets_a_suspension_being_committed_waits_for_it_and_is_refused(bool withUnknownCustomer)
    {
        // Every customer eligible, or one unknown customer among them.
        var world = await _scenario.NewGrantedResellerAsync(amount: 100.00m, customers: 1);
        Guid[] customers = withUnknownCustomer ? [.. world.Customers, Guid.NewGuid()] : world.Customers;
        await using var suspension = await HeldTransaction.BeginAsync(api);
        await suspension.ExecuteAsync("UPDATE reseller_links SET status = 'suspended', last_event_at = @p0 WHERE link_id = @p1", _scenario.Now.AddSeconds(1), world.LinkId);
        using var reseller = world.ResellerClient();

        var issue = reseller.PostIdempotentAsync(IssuePath, new { quota_id = world.QuotaId, customer_ids = customers, face_value = 60.00m });
        await HeldTransaction.WaitUntilBlockedAsync(api, 1, issue);
        await suspension.CommitAsync();

        await (await issue).IsProblem(HttpStatusCode.Forbidden, "CBC.99006004");
        Assert.Equal((100.00m, 100.00m), await _scenario.QuotaBalanceAsync(world.QuotaId));
        await using var db = api.Db();
        Assert.Equal(0, await db.Coupons.CountAsync(c => c.QuotaId == world.QuotaId));
    }

    [Fact]
    public async Task A_suspension_that_meets_an_issue_in_flight_waits_until_the_issue_has_committed()
    {
        var world = await _scenario.NewGrantedResellerAsync(amount: 100.00m, customers: 1);
        await using var quotaLock = await HeldTransaction.BeginAsync(api);
        await quotaLock.ExecuteAsync("SELECT 1 FROM quotas WHERE id = @p0 FOR UPDATE", world.QuotaId);
        using var reseller = world.ResellerClient();
        var issue = reseller.PostIdempotentAsync(IssuePath, new { quota_id = world.QuotaId, customer_ids = world.Customers, face_value = 10.00m });
        await HeldTransaction.WaitUntilBlockedAsync(api, 1, issue);

        await api.PublishAsync(new ResellerSuspended(world.LinkId, world.Distributor, world.Reseller, _scenario.Now.AddSeconds(1)));
        var suspended = api.EventuallyAsync(db => db.ResellerLinks.AnyAsync(l => l.LinkId == world.LinkId && l.Status == "suspended"), "suspension");
        await HeldTransaction.WaitUntilBlockedAsync(api, 2, issue, suspended);
        Assert.False(suspended.IsCompleted, "The suspension committed while an issue that had checked the link was still running.");
        await quotaLock.CommitAsync();

        Assert.Single((await (await issue).IsSuccess()).GetProperty("succeeded").EnumerateArray());
        await suspended;
        await (await reseller.PostIdempotentAsync(IssuePath, new { quota_id = world.QuotaId, customer_ids = world.Customers, face_value = 10.00m }))
            .IsProblem(HttpStatusCode.Forbidden, "CBC.99006004");
        Assert.Equal((90.00m, 90.00m), await _scenario.QuotaBalanceAsync(world.QuotaId));
    }

    [Theory]
    [InlineData("suspended")]
    [InlineData("revoked")]
    public async Task A_grant_to_a_reseller_that_meets_a_suspension_or_revocation_being_committed_waits_for_it_and_is_refused(string status)
    {
        var (distributor, reseller, linkId) = await _scenario.NewLinkedResellerAsync();
        var source = (await _scenario.GrantQuotaAsync(distributor, 1000.00m)).GetProperty("quota_id").GetGuid();
        await using var change = await HeldTransaction.BeginAsync(api);
        await change.ExecuteAsync("UPDATE reseller_links SET status = @p0, last_event_at = @p1 WHERE link_id = @p2", status, _scenario.Now.AddSeconds(1), linkId);
        using var client = _scenario.ClientFor(distributor, "distributor");

        var grant = client.PostIdempotentAsync($"{Quotas}/indirect-partner-grants", new { quota_id = source, indirect_partner_id = reseller, amount = 100.00m });
        await HeldTransaction.WaitUntilBlockedAsync(api, 1, grant);
        await change.CommitAsync();

        await (await grant).IsProblem(HttpStatusCode.Forbidden, "CBC.99006004");
        Assert.Equal((1000.00m, 1000.00m), await _scenario.QuotaBalanceAsync(source));
        await using var db = api.Db();
        Assert.Equal(0, await db.Quotas.CountAsync(q => q.PartnerId == reseller));
    }

    [Fact]
    public async Task A_suspension_that_meets_a_grant_to_the_reseller_in_flight_waits_until_the_grant_has_committed()
    {
        var (distributor, reseller, linkId) = await _scenario.NewLinkedResellerAsync();
        var source = (await _scenario.GrantQuotaAsync(distributor, 1000.00m)).GetProperty("quota_id").GetGuid();
        await using var quotaLock = await HeldTransaction.BeginAsync(api);
        await quotaLock.ExecuteAsync("SELECT 1 FROM quotas WHERE id = @p0 FOR UPDATE", source);
        using var client = _scenario.ClientFor(distributor, "distributor");
        var grant = client.PostIdempotentAsync($"{Quotas}/indirect-partner-grants", new { quota_id = source, indirect_partner_id = reseller, amount = 100.00m });
        await HeldTransaction.WaitUntilBlockedAsync(api, 1, grant);

        await api.PublishAsync(new ResellerSuspended(linkId, distributor, reseller, _scenario.Now.AddSeconds(1)));
        var suspended = api.EventuallyAsync(db => db.ResellerLinks.AnyAsync(l => l.LinkId == linkId && l.Status == "suspended"), "suspension");
        await HeldTransaction.WaitUntilBlockedAsync(api, 2, grant, suspended);
        Assert.False(suspended.IsCompleted, "The suspension committed while a grant that had checked the link was still running.");
        await quotaLock.CommitAsync();

        await (await grant).IsSuccess(HttpStatusCode.Created);
        await suspended;
        await (await client.PostIdempotentAsync($"{Quotas}/indirect-partner-grants", new { quota_id = source, indirect_partner_id = reseller, amount = 1.00m }))
            .IsProblem(HttpStatusCode.Forbidden, "CBC.99006004");
        Assert.Equal((900.00m, 900.00m), await _scenario.QuotaBalanceAsync(source));
    }

    [Theory]
    [InlineData("suspended")]
    [InlineData("revoked")]
    public async Task A_recall_for_a_resellers_customer_that_meets_a_suspension_or_revocation_being_committed_waits_for_it_and_is_refused(string status)
    {
        var world = await _scenario.NewGrantedResellerAsync(amount: 100.00m, customers: 1);
        var couponId = await IssueForResellerAsync(world, world.Customers[0]);
        await using var change = await HeldTransaction.BeginAsync(api);
        await change.ExecuteAsync("UPDATE reseller_links SET status = @p0, last_event_at = @p1 WHERE link_id = @p2", status, _scenario.Now.AddSeconds(1), world.LinkId);
        using var distributor = world.DistributorClient();

        var recall = distributor.PostIdempotentAsync(RecallPath, new { coupon_id = couponId });
        await HeldTransaction.WaitUntilBlockedAsync(api, 1, recall);
        await change.CommitAsync();

        await (await recall).IsProblem(HttpStatusCode.Forbidden, "CBC.99006004");
        var (balance, couponStatus, ledgerSum) = await _scenario.CouponBalanceAsync(couponId);
        Assert.Equal((10.00m, CouponStatus.Available, 10.00m), (balance, couponStatus, ledgerSum));
        Assert.Equal((890.00m, 890.00m), await _scenario.QuotaBalanceAsync(world.SourceQuotaId));
    }

    [Fact]
    public async Task A_suspension_that_meets_a_recall_for_a_resellers_customer_in_flight_waits_until_the_recall_has_committed()
    {
        var world = await _scenario.NewGrantedResellerAsync(amount: 100.00m, customers: 2);
        var recalledCoupon = await IssueForResellerAsync(world, world.Customers[0]);
        var keptCoupon = await IssueForResellerAsync(world, world.Customers[1]);
        await using var quotaLock = await HeldTransaction.BeginAsync(api);
        await quotaLock.ExecuteAsync("SELECT 1 FROM quotas WHERE id = @p0 FOR UPDATE", world.SourceQuotaId);
        using var distributor = world.DistributorClient();
        var recall = distributor.PostIdempotentAsync(RecallPath, new { coupon_id = recalledCoupon });
        await HeldTransaction.WaitUntilBlockedAsync(api, 1, recall);

        await api.PublishAsync(new ResellerSuspended(world.LinkId, world.Distributor, world.Reseller, _scenario.Now.AddSeconds(1)));
        var suspended = api.EventuallyAsync(db => db.ResellerLinks.AnyAsync(l => l.LinkId == world.LinkId && l.Status == "suspended"), "suspension");
        await HeldTransaction.WaitUntilBlockedAsync(api, 2, recall, suspended);
        Assert.False(suspended.IsCompleted, "The suspension committed while a recall that had checked the link was still running.");
        await quotaLock.CommitAsync();

        var recalled = await (await recall).IsSuccess();
        Assert.Equal("recalled", recalled.GetProperty("status").GetString());
        Assert.True(recalled.GetProperty("returned_to_quota").GetBoolean());
        await suspended;
        await (await distributor.PostIdempotentAsync(RecallPath, new { coupon_id = keptCoupon })).IsProblem(HttpStatusCode.Forbidden, "CBC.99006004");
        Assert.Equal(10.00m, (await _scenario.CouponBalanceAsync(keptCoupon)).Balance);
        Assert.Equal((890.00m, 890.00m), await _scenario.QuotaBalanceAsync(world.SourceQuotaId));
    }

    /// <summary>The distributor issues a coupon of 10.00 out of its own quota to a customer of its reseller.</summary>
    private static async Task<Guid> IssueForResellerAsync(GrantedReseller world, Guid customer)
    {
        using var distributor = world.DistributorClient();
        var issued = await (await distributor.PostIdempotentAsync(IssuePath, new
        {
            quota_id = world.SourceQuotaId, customer_ids = new[] { customer }, face_value = 10.00m, indirect_partner_id = world.Reseller,
        })).IsSuccess();
        Assert.Empty(issued.ErrorCodes());
        return issued.GetProperty("succeeded")[0].GetProperty("coupon_id").GetGuid();
    }
}

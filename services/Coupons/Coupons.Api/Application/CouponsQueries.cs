using Coupons.Api.Data;
using Coupons.Api.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PartnerPlatform.ServiceDefaults;

namespace Coupons.Api.Application;

/// <summary>Read-side queries of coupons, always scoped to the caller.</summary>
public sealed class CouponsQueries(CouponsDbContext db, TimeProvider timeProvider, IOptions<CouponsOptions> options)
{
    /// <summary>
    /// The coupons the partner issued and, for a reseller, those its distributor issued to the
    /// reseller's customers on its behalf (it sees what its customers hold; only the issuer recalls).
    /// </summary>
    public async Task<PagedResponse<CouponView>> IssuedCouponsAsync(
        CurrentCaller caller, Guid? customerId, Guid? quotaId, CouponStatus? status, QuotaType? type, PageRequest page, CancellationToken cancellationToken)
    {
        var partnerId = (Guid?)caller.GetPartnerGuid();
        var coupons = db.Coupons.Where(c => c.IssuerPartnerId == partnerId || c.IndirectPartnerId == partnerId);
        if (type is { } couponType)
        {
            coupons = coupons.Where(c => c.CouponType == couponType);
        }

        if (customerId is { } customer)
        {
            coupons = coupons.Where(c => c.CustomerId == customer);
        }

        if (quotaId is { } quota)
        {
            coupons = coupons.Where(c => c.QuotaId == quota);
        }

        return await PageAsync(coupons, status, page, cancellationToken);
    }

    public async Task<CouponDetailView> IssuedCouponAsync(CurrentCaller caller, Guid couponId, CancellationToken cancellationToken)
    {
        var partnerId = (Guid?)caller.GetPartnerGuid();
        var coupon = await db.Coupons.AsNoTracking()
            .FirstOrDefaultAsync(c => c.Id == couponId && (c.IssuerPartnerId == partnerId || c.IndirectPartnerId == partnerId), cancellationToken)
            ?? throw ApiException.NotFound("The coupon does not exist.");
        var ledger = await db.CouponLedgerEntries.AsNoTracking().Where(e => e.CouponId == couponId).OrderBy(e => e.Id).ToListAsync(cancellationToken);
        return new CouponDetailView(CouponView.From(coupon, timeProvider.Now()), [.. ledger.Select(LedgerEntryView.From)]);
    }

    public async Task<PagedResponse<CouponView>> CustomerCouponsAsync(
        CurrentCaller caller, CouponStatus? status, QuotaType? type, PageRequest page, CancellationToken cancellationToken)
    {
        var customerId = caller.CustomerGuidOrNull ?? throw new ApiException(ErrorCodes.AccessDenied, "This list is for customer accounts.");
        var coupons = db.Coupons.Where(c => c.CustomerId == customerId);
        if (type is { } couponType)
        {
            coupons = coupons.Where(c => c.CouponType == couponType);
        }

        return await PageAsync(coupons, status, page, cancellationToken);
    }

    public async Task<PagedResponse<TestVoucherView>> TestVouchersAsync(CurrentCaller caller, PageRequest page, CancellationToken cancellationToken)
    {
        var partnerId = caller.GetPartnerGuid();
        var now = timeProvider.Now();
        var horizon = now - options.Value.ExpiredCouponListHorizon;
        var grants = db.TestVoucherGrants.AsNoTracking().Where(g => g.PartnerId == partnerId)
            .Join(db.Coupons.AsNoTracking(), g => g.CouponId, c => c.Id, (g, c) => new { Grant = g, Coupon = c })
            .Where(r => r.Coupon.ExpiresAt >= horizon);
        var total = await grants.LongCountAsync(cancellationToken);
        var rows = await grants.OrderBy(r => r.Grant.GrantedAt).ThenBy(r => r.Grant.Role).ThenBy(r => r.Grant.Kind).Page(page).ToListAsync(cancellationToken);
        return new PagedResponse<TestVoucherView>(
            "test_vouchers", total, [.. rows.Select(r => new TestVoucherView(r.Grant.Role, r.Grant.Kind, r.Grant.GrantedAt, CouponView.From(r.Coupon, now)))]);
    }

    public async Task<Quota> QuotaForVendorAsync(Guid quotaId, CancellationToken cancellationToken) =>
        await db.Quotas.AsNoTracking().FirstOrDefaultAsync(q => q.Id == quotaId, cancellationToken)
        ?? throw ApiException.NotFound("The quota does not exist.");

    /// <summary>Newest first; hides coupons that expired longer ago than the list horizon.</summary>
    private async Task<PagedResponse<CouponView>> PageAsync(IQueryable<Coupon> coupons, CouponStatus? status, PageRequest page, CancellationToken cancellationToken)
    {
        var now = timeProvider.Now();
        var horizon = now - options.Value.ExpiredCouponListHorizon;
        coupons = coupons.AsNoTracking().Where(c => c.ExpiresAt >= horizon);
        coupons = status switch
        {
            null => coupons,
            CouponStatus.Available => coupons.Where(c => c.Status == CouponStatus.Available && c.ExpiresAt > now),
            CouponStatus.Expired => coupons.Where(c => c.Status == CouponStatus.Expired || (c.Status == CouponStatus.Available && c.ExpiresAt <= now)),
            { } other => coupons.Where(c => c.Status == other),
        };
        var total = await coupons.LongCountAsync(cancellationToken);
        var items = await coupons.OrderByDescending(c => c.IssuedAt).ThenBy(c => c.Id).Page(page).ToListAsync(cancellationToken);
        return new PagedResponse<CouponView>("coupons", total, [.. items.Select(c => CouponView.From(c, now))]);
    }
}

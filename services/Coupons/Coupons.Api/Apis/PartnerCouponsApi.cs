using Coupons.Api.Application;
using Coupons.Api.Domain;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using PartnerPlatform.ServiceDefaults;

namespace Coupons.Api.Apis;

public static class PartnerCouponsApi
{
    public static IEndpointRouteBuilder MapPartnerCouponsApi(this IEndpointRouteBuilder app)
    {
        var coupons = app.MapGroup("/v2/promotions/benefits/partner-coupons").WithTags("Partner coupons").RequirePartner();

        coupons.MapPost("", IssueAsync)
            .WithName("IssuePartnerCoupons")
            .ProducesErrorCodes(CouponsErrors.QuotaNotUsable, CouponsErrors.ResellerNotLinked, CouponsErrors.CloudServiceTypeOutsideQuota, CouponsErrors.ProductOutsideQuota, CouponsErrors.RestrictionOutsideQuota)
            .WithSummary("Issue coupons out of a quota to up to 100 reseller-type customers (partial success per customer)")
            .RequirePermission(QuotasApi.IssuePermission)
            .WithTransactionalIdempotency(lookupFirst: false);

        coupons.MapPost("/reclaim", RecallAsync)
            .WithName("RecallPartnerCoupon")
            .ProducesErrorCodes(CouponsErrors.RecallNotForReferralCustomer, CouponsErrors.CouponExpiredOrRecalled, CouponsErrors.CouponUsed, CouponsErrors.AmountExceedsBalance, CouponsErrors.ResellerNotLinked)
            .WithSummary("Recall the whole balance of an available coupon or a part of it; the amount returns to a valid quota")
            .RequirePermission(QuotasApi.RecallPermission)
            .WithIdempotency();

        coupons.MapGet("", ListAsync)
            .WithName("ListPartnerCoupons")
            .ProducesErrorCodes()
            .WithSummary("Coupons the caller issued, and for a reseller those its distributor issued to its customers (expired for more than 2 years hidden)");

        coupons.MapGet("/{coupon_id:guid}", GetAsync)
            .WithName("GetPartnerCoupon")
            .ProducesErrorCodes()
            .WithSummary("A coupon the caller issued (or, for a reseller, its distributor issued to its customer), with its balance ledger");
        return app;
    }

    private static async Task<Ok<IssueCouponsResponse>> IssueAsync(
        IssueCouponsRequest request, CurrentCaller caller, IssuingService issuing, HttpContext http, CancellationToken cancellationToken) =>
        TypedResults.Ok(await issuing.IssueAsync(caller, request, http.GetIdempotentRequest(), cancellationToken));

    private static async Task<Ok<RecallCouponResponse>> RecallAsync(
        RecallCouponRequest request, CurrentCaller caller, RecallService recalls, CancellationToken cancellationToken) =>
        TypedResults.Ok(await recalls.RecallAsync(caller, request, cancellationToken));

    private static async Task<Ok<PagedResponse<CouponView>>> ListAsync(
        CurrentCaller caller, CouponsQueries queries, PageRequest page,
        [FromQuery(Name = "customer_id")] Guid? customerId,
        [FromQuery(Name = "quota_id")] Guid? quotaId,
        [FromQuery(Name = "status")] string? status,
        [FromQuery(Name = "coupon_type")] string? couponType,
        CancellationToken cancellationToken) =>
        TypedResults.Ok(await queries.IssuedCouponsAsync(
            caller,
            customerId,
            quotaId,
            SnakeCaseEnum.ParseOptional<CouponStatus>(status, "status"),
            SnakeCaseEnum.ParseOptional<QuotaType>(couponType, "coupon_type"),
            page,
            cancellationToken));

    private static async Task<Ok<CouponDetailView>> GetAsync(
        [FromRoute(Name = "coupon_id")] Guid couponId, CurrentCaller caller, CouponsQueries queries, CancellationToken cancellationToken) =>
        TypedResults.Ok(await queries.IssuedCouponAsync(caller, couponId, cancellationToken));
}

using Coupons.Api.Application;
using Coupons.Api.Domain;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using PartnerPlatform.ServiceDefaults;

namespace Coupons.Api.Apis;

public static class QuotasApi
{
    public const string IssuePermission = "coupons.issue";
    public const string RecallPermission = "coupons.recall";

    public static IEndpointRouteBuilder MapQuotasApi(this IEndpointRouteBuilder app)
    {
        var quotas = app.MapGroup("/v2/partners/coupon-quotas").WithTags("Coupon quotas");

        quotas.MapPost("/query", QueryAsync)
            .WithName("QueryCouponQuotas")
            .ProducesErrorCodes()
            .WithSummary("Query the caller's quotas (or, with indirect_partner_id, those it granted to that reseller)")
            .RequirePartner();

        quotas.MapGet("/{quota_id:guid}", GetAsync)
            .WithName("GetCouponQuota")
            .ProducesErrorCodes()
            .WithSummary("A quota the caller holds or granted; vendor quota managers see any (ETag for status changes)");

        quotas.MapPost("/vendor-grants", GrantAsync)
            .WithName("GrantCouponQuota")
            .ProducesErrorCodes(CouponsErrors.PartnerNotEligible, CouponsErrors.CloudServiceTypeOutsideQuota)
            .WithSummary("Vendor staff grant a quota to a solution provider, distributor or gov-subsidy partner")
            .RequireVendorRole(VendorRoles.QuotaManagers)
            .WithIdempotency();

        quotas.MapPost("/{quota_id:guid}/status", ChangeStatusAsync)
            .WithName("ChangeCouponQuotaStatus")
            .ProducesErrorCodes()
            .WithSummary("Vendor staff set a quota normal, adjusting, frozen or invalid (If-Match required)")
            .RequireVendorRole(VendorRoles.QuotaManagers)
            .RequireIfMatch();

        quotas.MapPost("/indirect-partner-grants", GrantToResellerAsync)
            .WithName("GrantResellerCouponQuota")
            .ProducesErrorCodes(CouponsErrors.QuotaNotUsable, CouponsErrors.QuotaInsufficient, CouponsErrors.ResellerNotLinked, CouponsErrors.CloudServiceTypeOutsideQuota, CouponsErrors.ProductOutsideQuota, CouponsErrors.RestrictionOutsideQuota)
            .WithSummary("A distributor grants part of its quota to an actively linked reseller")
            .RequireProgramme("distributor")
            .RequirePermission(IssuePermission)
            .WithIdempotency();

        quotas.MapPost("/indirect-partner-reclaim", ReclaimAsync)
            .WithName("ReclaimResellerCouponQuotas")
            .ProducesErrorCodes()
            .WithSummary("A distributor reclaims up to 10 quotas it granted (partial success)")
            .RequireProgramme("distributor")
            .RequirePermission(RecallPermission)
            .WithIdempotency();
        return app;
    }

    private static async Task<Ok<PagedResponse<QuotaView>>> QueryAsync(
        QueryQuotasRequest request, CurrentCaller caller, QuotaService quotas, CancellationToken cancellationToken) =>
        TypedResults.Ok(await quotas.QueryAsync(caller, request, cancellationToken));

    private static async Task<Ok<QuotaView>> GetAsync(
        [FromRoute(Name = "quota_id")] Guid quotaId, CurrentCaller caller, QuotaService quotas, CouponsQueries queries, TimeProvider timeProvider,
        HttpResponse response, CancellationToken cancellationToken)
    {
        var quota = caller.HasVendorRole(VendorRoles.QuotaManagers)
            ? await queries.QuotaForVendorAsync(quotaId, cancellationToken)
            : await quotas.GetAsync(caller, quotaId, cancellationToken);
        response.SetETag(ETags.FromVersion(quota.Version));
        return TypedResults.Ok(QuotaView.From(quota, timeProvider.Now()));
    }

    private static async Task<Created<QuotaView>> GrantAsync(
        GrantQuotaRequest request, CurrentCaller caller, QuotaService quotas, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        var quota = await quotas.GrantAsync(caller, request, cancellationToken);
        return TypedResults.Created($"/v2/partners/coupon-quotas/{quota.Id}", QuotaView.From(quota, timeProvider.Now()));
    }

    private static async Task<Ok<QuotaView>> ChangeStatusAsync(
        [FromRoute(Name = "quota_id")] Guid quotaId, ChangeQuotaStatusRequest request, CurrentCaller caller, QuotaService quotas,
        TimeProvider timeProvider, HttpContext context, CancellationToken cancellationToken)
    {
        var quota = await quotas.ChangeStatusAsync(caller, quotaId, context.Request.RequireIfMatchVersion(), request, cancellationToken);
        return TypedResults.Ok(QuotaView.From(quota, timeProvider.Now()));
    }

    private static async Task<Created<QuotaView>> GrantToResellerAsync(
        GrantResellerQuotaRequest request, CurrentCaller caller, QuotaService quotas, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        var quota = await quotas.GrantToResellerAsync(caller, request, cancellationToken);
        return TypedResults.Created($"/v2/partners/coupon-quotas/{quota.Id}", QuotaView.From(quota, timeProvider.Now()));
    }

    private static async Task<Ok<ReclaimResellerQuotasResponse>> ReclaimAsync(
        ReclaimResellerQuotasRequest request, CurrentCaller caller, QuotaService quotas, CancellationToken cancellationToken) =>
        TypedResults.Ok(await quotas.ReclaimAsync(caller, request, cancellationToken));
}

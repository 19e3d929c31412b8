using Coupons.Api.Application;
using Coupons.Api.Domain;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using PartnerPlatform.ServiceDefaults;

namespace Coupons.Api.Apis;

public static class RedemptionsApi
{
    public static IEndpointRouteBuilder MapRedemptionsApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/v2/coupons/{coupon_id:guid}/redemptions", RedeemAsync)
            .WithTags("Redemptions")
            .WithName("RedeemCoupon")
            .ProducesErrorCodes(CouponsErrors.CouponExpiredOrRecalled, CouponsErrors.CouponUsed, CouponsErrors.CouponNotYetValid, CouponsErrors.CurrencyMismatch, CouponsErrors.OrderBelowMinimum, CouponsErrors.NothingToDeduct, CouponsErrors.OrderAlreadyRedeemed, CouponsErrors.OrderOutsideRestrictions)
            .WithSummary("Pay part of an order with a coupon (ordering system or the holding customer); idempotent per order id");
        return app;
    }

    private static async Task<Created<RedemptionView>> RedeemAsync(
        [FromRoute(Name = "coupon_id")] Guid couponId, RedeemCouponRequest request, CurrentCaller caller, RedemptionService redemptions,
        CancellationToken cancellationToken)
    {
        var redeemer = caller.HasVendorRole(VendorRoles.Redeemers);
        if (!redeemer && caller.CustomerGuidOrNull is null)
        {
            throw new ApiException(ErrorCodes.AccessDenied, "Coupons are redeemed by the ordering system or by the customer holding them.");
        }

        var redemption = await redemptions.RedeemAsync(caller, couponId, request, cancellationToken);
        return TypedResults.Created($"/v2/coupons/{couponId}/redemptions/{redemption.Id}", RedemptionView.From(redemption));
    }
}

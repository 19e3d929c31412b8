using Coupons.Api.Application;
using Coupons.Api.Domain;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using PartnerPlatform.ServiceDefaults;

namespace Coupons.Api.Apis;

public static class CustomerCouponsApi
{
    public static IEndpointRouteBuilder MapCustomerCouponsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/v2/customers/me/coupons", ListAsync)
            .WithTags("Customer coupons")
            .WithName("ListMyCoupons")
            .ProducesErrorCodes()
            .WithSummary("The calling customer's vouchers, cash coupons and pickup vouchers (expired for more than 2 years hidden)");
        return app;
    }

    private static async Task<Ok<PagedResponse<CouponView>>> ListAsync(
        CurrentCaller caller, CouponsQueries queries, PageRequest page,
        [FromQuery(Name = "status")] string? status,
        [FromQuery(Name = "coupon_type")] string? couponType,
        CancellationToken cancellationToken) =>
        TypedResults.Ok(await queries.CustomerCouponsAsync(
            caller,
            SnakeCaseEnum.ParseOptional<CouponStatus>(status, "status"),
            SnakeCaseEnum.ParseOptional<QuotaType>(couponType, "coupon_type"),
            page,
            cancellationToken));
}

using Coupons.Api.Application;
using Coupons.Api.Domain;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using PartnerPlatform.ServiceDefaults;

namespace Coupons.Api.Apis;

/// <summary>The enums of this service's API, so clients can tell a new value from a bad one.</summary>
public static class ReferenceApi
{
    public static IEndpointRouteBuilder MapReferenceApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/v2/reference/{enum_name}", Get)
            .WithTags("Reference")
            .WithName("GetCouponEnum")
            .WithSummary("Values of an enum: quota-types, quota-statuses, coupon-statuses, coupon-sources, ledger-kinds, operation-types, billing-modes, cloud-service-types, test-voucher-kinds")
            .AllowAnonymous();
        return app;
    }

    private static Ok<EnumView> Get([FromRoute(Name = "enum_name")] string enumName, IOptions<CouponsOptions> options)
    {
        IReadOnlyList<string>? values = enumName switch
        {
            "quota-types" => SnakeCaseValues.Of<QuotaType>(),
            "quota-statuses" => SnakeCaseValues.Of<QuotaStatus>(),
            "coupon-statuses" => SnakeCaseValues.Of<CouponStatus>(),
            "coupon-sources" => SnakeCaseValues.Of<CouponSource>(),
            "ledger-kinds" => SnakeCaseValues.Of<CouponLedgerKind>(),
            "operation-types" => SnakeCaseValues.Of<OperationType>(),
            "billing-modes" => Restrictions.KnownBillingModes,
            "cloud-service-types" => options.Value.EffectiveCloudServiceTypes,
            "test-voucher-kinds" => SnakeCaseValues.Of<TestVoucherKind>(),
            _ => null,
        };
        return values is null
            ? throw ApiException.NotFound($"There is no enum '{enumName}'.")
            : TypedResults.Ok(new EnumView(enumName, values));
    }
}

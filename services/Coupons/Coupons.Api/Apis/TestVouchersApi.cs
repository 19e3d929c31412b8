using Coupons.Api.Application;
using Coupons.Api.Domain;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using PartnerPlatform.ServiceDefaults;

namespace Coupons.Api.Apis;

public static class TestVouchersApi
{
    public static IEndpointRouteBuilder MapTestVouchersApi(this IEndpointRouteBuilder app)
    {
        var vouchers = app.MapGroup("/v2/promotions/benefits/test-vouchers").WithTags("Role test vouchers").RequirePartner();

        vouchers.MapPost("", RequestAsync)
            .WithName("RequestRoleTestVoucher")
            .ProducesErrorCodes(CouponsErrors.SubCustomerCannotRequest, CouponsErrors.NotRoleCertified, CouponsErrors.TestVoucherAlreadyGranted)
            .WithSummary("Request the test voucher of one kind (role_selection, or role_certification, also when absent) for one role; not for sub-customer accounts")
            .WithIdempotency();

        vouchers.MapGet("", ListAsync)
            .WithName("ListRoleTestVouchers")
            .ProducesErrorCodes()
            .WithSummary("The role test vouchers of both kinds the caller received (expired for more than 2 years hidden)");

        app.MapGet("/v2/reference/test-voucher-roles", Roles)
            .WithTags("Reference")
            .WithName("ListTestVoucherRoles")
            .ProducesErrorCodes()
            .WithSummary("For each kind, the roles a test voucher can be requested for, with face value, currency and validity")
            .AllowAnonymous();
        return app;
    }

    private static async Task<Created<TestVoucherView>> RequestAsync(
        RequestTestVoucherRequest request, CurrentCaller caller, TestVoucherService vouchers, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        var (grant, coupon) = await vouchers.RequestAsync(caller, request, cancellationToken);
        return TypedResults.Created(
            "/v2/promotions/benefits/test-vouchers",
            new TestVoucherView(grant.Role, grant.Kind, grant.GrantedAt, CouponView.From(coupon, timeProvider.Now())));
    }

    private static async Task<Ok<PagedResponse<TestVoucherView>>> ListAsync(
        CurrentCaller caller, CouponsQueries queries, PageRequest page, CancellationToken cancellationToken) =>
        TypedResults.Ok(await queries.TestVouchersAsync(caller, page, cancellationToken));

    private static Ok<IReadOnlyList<TestVoucherRoleView>> Roles(IOptions<CouponsOptions> options) =>
        TypedResults.Ok<IReadOnlyList<TestVoucherRoleView>>(
            [.. Enum.GetValues<TestVoucherKind>().SelectMany(kind => options.Value.TestVoucherRolesOf(kind).OrderBy(r => r.Key, StringComparer.Ordinal)
                .Select(r => new TestVoucherRoleView(kind, r.Key, Money.Normalize(r.Value.FaceValue), r.Value.Currency, r.Value.ValidDays)))]);
}

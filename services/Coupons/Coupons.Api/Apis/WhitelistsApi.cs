using Coupons.Api.Application;
using Coupons.Api.Domain;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using PartnerPlatform.ServiceDefaults;

namespace Coupons.Api.Apis;

public static class WhitelistsApi
{
    public static IEndpointRouteBuilder MapWhitelistsApi(this IEndpointRouteBuilder app)
    {
        var benefits = app.MapGroup("/v2/promotions/benefits").WithTags("Whitelists");

        benefits.MapGet("/whitelist", GetOwnAsync)
            .WithName("GetWhitelist")
            .ProducesErrorCodes()
            .WithSummary("The caller's cash-coupon and pickup-voucher whitelist: current version and one page of customers")
            .RequirePartner();

        benefits.MapGet("/whitelists/{partner_id:guid}", GetAsync)
            .WithName("GetPartnerWhitelist")
            .ProducesErrorCodes()
            .WithSummary("Vendor staff read a partner's whitelist (the ETag is its version)")
            .RequireVendorRole(VendorRoles.QuotaManagers);

        benefits.MapPut("/whitelists/{partner_id:guid}", ImportAsync)
            .WithName("ImportPartnerWhitelist")
            .ProducesErrorCodes()
            .WithSummary("Vendor staff import a new version of a partner's whitelist (If-Match: the current version, \"0\" before the first)")
            .RequireVendorRole(VendorRoles.QuotaManagers)
            .RequireIfMatch();
        return app;
    }

    private static async Task<Ok<WhitelistPage>> GetOwnAsync(
        CurrentCaller caller, WhitelistService whitelists, PageRequest page, HttpResponse response, CancellationToken cancellationToken)
    {
        var whitelist = await whitelists.GetAsync(caller.GetPartnerGuid(), page, cancellationToken);
        response.SetETag(ETags.FromVersion(whitelist.Version));
        return TypedResults.Ok(whitelist);
    }

    private static async Task<Ok<WhitelistPage>> GetAsync(
        [FromRoute(Name = "partner_id")] Guid partnerId, WhitelistService whitelists, PageRequest page, HttpResponse response,
        CancellationToken cancellationToken)
    {
        var whitelist = await whitelists.GetAsync(partnerId, page, cancellationToken);
        response.SetETag(ETags.FromVersion(whitelist.Version));
        return TypedResults.Ok(whitelist);
    }

    private static async Task<Ok<WhitelistPage>> ImportAsync(
        [FromRoute(Name = "partner_id")] Guid partnerId, ImportWhitelistRequest request, CurrentCaller caller, WhitelistService whitelists,
        HttpContext context, CancellationToken cancellationToken)
    {
        var whitelist = await whitelists.ImportAsync(caller, partnerId, context.Request.RequireIfMatchVersion(), request, cancellationToken);
        context.Response.SetETag(ETags.FromVersion(whitelist.Version));
        return TypedResults.Ok(whitelist);
    }
}

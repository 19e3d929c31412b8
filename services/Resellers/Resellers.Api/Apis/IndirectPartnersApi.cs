using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using PartnerPlatform.ServiceDefaults;
using Resellers.Api.Application;
using Resellers.Api.Domain;

namespace Resellers.Api.Apis;

/// <summary>A distributor's resellers, their account managers, and the reseller's view of its distributor.</summary>
public static class IndirectPartnersApi
{
    public const string Prefix = "/v2/partners/indirect-partners";

    public static IEndpointRouteBuilder MapIndirectPartnersApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(Prefix).WithTags("IndirectPartners").RequireProgramme(KnownProgramme.Distributor);

        api.MapPost("/query", QueryAsync)
            .WithName("QueryIndirectPartners")
            .ProducesErrorCodes()
            .WithSummary("A distributor's cloud resellers (active or suspended), filtered and paged")
            .Produces<PagedResponse<IndirectPartnerView>>();

        api.MapGet("/{indirect_partner_id:guid}", GetAsync)
            .WithName("GetIndirectPartner")
            .WithSummary("One of the distributor's resellers, with the link's ETag");

        api.MapPut("/{indirect_partner_id:guid}/account-manager", AssignAccountManagerAsync)
            .WithName("AssignResellerAccountManager")
            .ProducesErrorCodes()
            .WithSummary("Make one of the distributor's members the reseller's account manager (If-Match: the reseller's ETag)");

        api.MapGet("/{indirect_partner_id:guid}/account-managers", AccountManagerHistoryAsync)
            .WithName("ListResellerAccountManagers")
            .WithSummary("Every account manager the reseller had under this distributor, newest first");

        app.MapGet(LinksApi.Prefix + "/my-distributor", MyDistributorAsync)
            .WithTags("IndirectPartners")
            .WithName("GetMyDistributor")
            .WithSummary("A reseller's distributor and account manager")
            .RequirePartner();

        return app;
    }

    private static async Task<Ok<PagedResponse<IndirectPartnerView>>> QueryAsync(
        IndirectPartnerQuery request, CurrentCaller caller, IndirectPartners resellers, CancellationToken ct)
    {
        var (total, items) = await resellers.QueryAsync(caller, request, ct);
        return TypedResults.Ok(new PagedResponse<IndirectPartnerView>("indirect_partners", total, [.. items.Select(IndirectPartnerView.From)]));
    }

    private static async Task<Ok<IndirectPartnerView>> GetAsync(
        [FromRoute(Name = "indirect_partner_id")] Guid resellerId, CurrentCaller caller, IndirectPartners resellers, HttpContext http, CancellationToken ct) =>
        Answer(http, await resellers.GetAsync(caller, resellerId, ct));

    private static async Task<Ok<IndirectPartnerView>> AssignAccountManagerAsync(
        [FromRoute(Name = "indirect_partner_id")] Guid resellerId, AssignAccountManagerRequest request, CurrentCaller caller,
        IndirectPartners resellers, HttpContext http, CancellationToken ct) =>
        Answer(http, await resellers.AssignAccountManagerAsync(caller, resellerId, request, http.Request.IfMatch(), ct));

    private static async Task<Ok<AccountManagerAssignmentView[]>> AccountManagerHistoryAsync(
        [FromRoute(Name = "indirect_partner_id")] Guid resellerId, CurrentCaller caller, IndirectPartners resellers, CancellationToken ct) =>
        TypedResults.Ok((await resellers.AccountManagerHistoryAsync(caller, resellerId, ct)).Select(AccountManagerAssignmentView.From).ToArray());

    private static async Task<Ok<MyDistributorView>> MyDistributorAsync(CurrentCaller caller, IndirectPartners resellers, CancellationToken ct) =>
        TypedResults.Ok(MyDistributorView.From(await resellers.MyDistributorAsync(caller, ct)));

    private static Ok<IndirectPartnerView> Answer(HttpContext http, NamedLink reseller)
    {
        http.Response.SetETag(ETags.FromVersion(reseller.Link.Version));
        return TypedResults.Ok(IndirectPartnerView.From(reseller));
    }
}

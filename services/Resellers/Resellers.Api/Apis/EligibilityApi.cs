using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using PartnerPlatform.ServiceDefaults;
using Resellers.Api.Application;
using Resellers.Api.Domain;

namespace Resellers.Api.Apis;

/// <summary>Join blockers: what the caller may do now, and the facts vendor staff record.</summary>
public static class EligibilityApi
{
    public static IEndpointRouteBuilder MapEligibilityApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(LinksApi.Prefix).WithTags("Eligibility");

        api.MapGet("/join-eligibility", GetEligibilityAsync)
            .WithName("GetJoinEligibility")
            .WithSummary("Whether the calling account may join the distribution plan now, with every blocker's reason")
            .RequirePartner();

        api.MapGet("/join-facts/{partner_id:guid}", GetFactsAsync)
            .WithName("GetJoinFacts")
            .WithSummary("Vendor staff: the recorded facts (arrears, credit account, frozen, associated customer) and the resulting blockers")
            .RequireVendorRole(VendorRoles.VendorStaff);

        api.MapPut("/join-facts/{partner_id:guid}", PutFactsAsync)
            .WithName("RecordJoinFacts")
            .ProducesErrorCodes()
            .WithSummary("Vendor staff: record the facts that block joining; If-Match with the ETag read (\"0\" when none yet)")
            .RequireVendorRole(VendorRoles.VendorStaff);

        return app;
    }

    private static async Task<Ok<EligibilityView>> GetEligibilityAsync(
        CurrentCaller caller, JoinEligibility eligibility, CancellationToken ct,
        [FromQuery(Name = "distributor_partner_id")] Guid? distributorPartnerId = null)
    {
        var partner = caller.GetPartnerGuid();
        var blockers = await eligibility.BlockersAsync(partner, distributorPartnerId, ct);
        return TypedResults.Ok(new EligibilityView(partner, blockers.Count == 0, JoinBlockerView.Of(blockers)));
    }

    private static async Task<Ok<JoinFactsView>> GetFactsAsync(
        [FromRoute(Name = "partner_id")] Guid partnerId, JoinFactsRecords records, HttpContext http, CancellationToken ct) =>
        Answer(http, await records.GetAsync(partnerId, ct));

    private static async Task<Ok<JoinFactsView>> PutFactsAsync(
        [FromRoute(Name = "partner_id")] Guid partnerId, JoinFactsRequest request, CurrentCaller caller,
        JoinFactsRecords records, HttpContext http, CancellationToken ct) =>
        Answer(http, await records.RecordAsync(caller, partnerId, request, http.Request.IfMatch(), ct));

    private static Ok<JoinFactsView> Answer(HttpContext http, RecordedJoinFacts recorded)
    {
        http.Response.SetETag(ETags.FromVersion(recorded.Version));
        return TypedResults.Ok(JoinFactsView.From(recorded));
    }
}

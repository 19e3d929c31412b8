using Incentives.Api.Application;
using Incentives.Api.Domain;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using PartnerPlatform.ServiceDefaults;

namespace Incentives.Api.Apis;

/// <summary>Capability incentives: region scopes (vendor-maintained, effective-dated) and the partner's claims.</summary>
public static class CapabilityIncentivesApi
{
    public static IEndpointRouteBuilder MapCapabilityIncentivesApi(this IEndpointRouteBuilder app)
    {
        var partner = app.MapGroup("/v2/partners/incentives/capability-incentives").WithTags("Capability incentives").RequirePartner();
        partner.MapGet("/scopes", ScopesAsync).WithName("ListCapabilityIncentiveScopes").ProducesErrorCodes().WithSummary("Every scope row of every kind, with its effective date");
        partner.MapPost("/claims", ClaimAsync).WithName("ClaimCapabilityIncentive").ProducesErrorCodes(IncentivesErrors.UnknownIncentiveKind, IncentivesErrors.ClaimOutsideRegionScope)
            .WithSummary("Claim a capability incentive for work in a region (refused outside the kind's scope on that day)").WithIdempotency();
        partner.MapGet("/claims/{claim_id:guid}", GetClaimAsync).WithName("GetCapabilityIncentiveClaim").ProducesErrorCodes().WithSummary("A claim of the caller");

        var vendor = app.MapGroup("/v2/vendor/incentives/capability-incentives").WithTags("Capability incentives (vendor)").RequireVendorRole(VendorRoles.VendorStaff);
        vendor.MapGet("/scopes", ScopesAsync).WithName("VendorListCapabilityIncentiveScopes").ProducesErrorCodes().WithSummary("The scope history with who changed it");
        vendor.MapPut("/{incentive_kind}/scope", ChangeScopeAsync).WithName("ChangeCapabilityIncentiveScope").ProducesErrorCodes()
            .WithSummary("Set a kind's region scope from a date (publishes CapabilityIncentiveScopeChanged)");
        return app;
    }

    private static async Task<Ok<ScopesView>> ScopesAsync(CapabilityIncentives incentives, CancellationToken ct) =>
        TypedResults.Ok(new ScopesView([.. (await incentives.HistoryAsync(ct)).Select(ScopeView.Of)]));

    private static async Task<Created<CapabilityClaimView>> ClaimAsync(CapabilityClaimRequest request, CurrentCaller caller, CapabilityIncentives incentives, CancellationToken ct)
    {
        var (kind, currency) = FieldValidation.Checked(v => (v.RequiredText(request.IncentiveKind, "incentive_kind", 64), v.Currency(request.Currency, "currency")));
        var claim = await incentives.ClaimAsync(caller.GetPartnerGuid(), kind, request.Region, request.Amount, currency, ct);
        return TypedResults.Created($"/v2/partners/incentives/capability-incentives/claims/{claim.Id}", CapabilityClaimView.Of(claim));
    }

    private static async Task<Ok<CapabilityClaimView>> GetClaimAsync([FromRoute(Name = "claim_id")] Guid claimId, CurrentCaller caller, CapabilityIncentives incentives, CancellationToken ct) =>
        TypedResults.Ok(CapabilityClaimView.Of(await incentives.GetClaimAsync(caller.GetPartnerGuid(), claimId, ct)));

    private static async Task<Ok<ScopeView>> ChangeScopeAsync(
        [FromRoute(Name = "incentive_kind")] string kind, ChangeScopeRequest request, CurrentCaller caller, CapabilityIncentives incentives, CancellationToken ct) =>
        TypedResults.Ok(ScopeView.Of(await incentives.ChangeScopeAsync(
            FieldValidation.Checked(v => v.RequiredText(kind, "incentive_kind", 64)), request.RegionScope, request.EffectiveFrom, caller.Actor,
            Guid.TryParse(caller.UserId, out var userId) ? userId : null, ct)));
}

using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using PartnerPlatform.ServiceDefaults;
using Resellers.Api.Application;
using Resellers.Api.Domain;

namespace Resellers.Api.Apis;

/// <summary>Ways into the distribution plan and the link state machine.</summary>
public static class LinksApi
{
    public const string Prefix = "/v2/partners/distribution";

    public static IEndpointRouteBuilder MapLinksApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(Prefix).WithTags("Links");

        api.MapPost("/applications", ApplyAsync)
            .WithName("ApplyToDistributionPlan")
            .ProducesErrorCodes(ResellersErrors.SelfLink, ResellersErrors.NotADistributor, ResellersErrors.AlreadySolutionProvider, ResellersErrors.AssociatedCustomer, ResellersErrors.ArrearsOrCreditAccount, ResellersErrors.Frozen, ResellersErrors.ResellerAlreadyHeld)
            .WithSummary("Apply to the distribution plan naming a distributor (vendor staff review first, then the distributor)")
            .RequirePartner()
            .WithIdempotency();

        api.MapPost("/quick-join", QuickJoinAsync)
            .WithName("QuickJoinDistributionPlan")
            .ProducesErrorCodes(ResellersErrors.SelfLink, ResellersErrors.NotADistributor, ResellersErrors.QuickJoinNotAllowed, ResellersErrors.AlreadySolutionProvider, ResellersErrors.AssociatedCustomer, ResellersErrors.ArrearsOrCreditAccount, ResellersErrors.Frozen, ResellersErrors.ResellerAlreadyHeld)
            .WithSummary("An account whose solution provider programme expired joins as a cloud reseller; the distributor reviews it")
            .RequirePartner()
            .WithIdempotency();

        api.MapPost("/invitations", InviteAsync)
            .WithName("InviteReseller")
            .ProducesErrorCodes(ResellersErrors.SelfLink, ResellersErrors.UnknownPartner, ResellersErrors.AlreadySolutionProvider, ResellersErrors.AssociatedCustomer, ResellersErrors.ArrearsOrCreditAccount, ResellersErrors.Frozen, ResellersErrors.ResellerAlreadyHeld)
            .WithSummary("A distributor invites an account to become its cloud reseller (valid 7 days)")
            .RequireProgramme(KnownProgramme.Distributor)
            .WithIdempotency();

        api.MapPost("/applications/review", ReviewAsync)
            .WithName("ReviewResellerApplications")
            .ProducesErrorCodes()
            .WithSummary("A distributor approves or rejects up to 100 vendor-approved applications; partial success is explicit")
            .RequireProgramme(KnownProgramme.Distributor)
            .WithIdempotency(required: false);

        api.MapGet("/links", ListAsync)
            .WithName("ListResellerLinks")
            .WithSummary("Links the caller is part of (as distributor or reseller); vendor staff see all")
            .Produces<PagedResponse<LinkView>>();

        api.MapGet("/links/{link_id:guid}", GetAsync)
            .WithName("GetResellerLink")
            .WithSummary("One link, with its ETag");

        foreach (var action in Enum.GetValues<LinkAction>())
        {
            var endpoint = api.MapPost(
                    "/links/{link_id:guid}/" + LinkTransitions.RouteName(action),
                    (CurrentCaller caller, [FromRoute(Name = "link_id")] Guid linkId, [FromBody] TransitionRequest? request,
                        HttpContext http, LinkService links, CancellationToken ct) =>
                        TransitionAsync(action, caller, linkId, request, http, links, ct))
                .WithName(action + "ResellerLink")
                .WithSummary(Summary(action))
                .ProducesErrorCodes(ErrorCodesOf(action));
            if (LinkTransitions.ActorsOf(action) == LinkActor.Vendor)
            {
                endpoint.RequireVendorRole(VendorRoles.VendorStaff);
            }
        }

        return app;
    }

    private static async Task<Created<LinkView>> ApplyAsync(
        ApplyRequest request, CurrentCaller caller, LinkService links, HttpContext http, CancellationToken ct) =>
        await CreatedAsync(await links.ApplyAsync(caller, request, quickJoin: false, ct), links, http, ct);

    private static async Task<Created<LinkView>> QuickJoinAsync(
        ApplyRequest request, CurrentCaller caller, LinkService links, HttpContext http, CancellationToken ct) =>
        await CreatedAsync(await links.ApplyAsync(caller, request, quickJoin: true, ct), links, http, ct);

    private static async Task<Created<LinkView>> InviteAsync(
        InviteRequest request, CurrentCaller caller, LinkService links, HttpContext http, CancellationToken ct) =>
        await CreatedAsync(await links.InviteAsync(caller, request, ct), links, http, ct);

    private static async Task<Ok<ReviewResponse>> ReviewAsync(ReviewRequest request, CurrentCaller caller, LinkService links, CancellationToken ct)
    {
        var outcome = await links.ReviewAsync(caller, request, ct);
        return TypedResults.Ok(new ReviewResponse(outcome.Succeeded, outcome.ErrorDetails));
    }

    private static async Task<Ok<PagedResponse<LinkView>>> ListAsync(
        CurrentCaller caller, PageRequest page, LinkService links, CancellationToken ct, string? state = null, string? role = null)
    {
        var (total, named) = await links.ListAsync(caller, page, state, role, ct);
        return TypedResults.Ok(new PagedResponse<LinkView>("links", total, LinkView.From(named)));
    }

    private static async Task<Ok<LinkView>> GetAsync(
        CurrentCaller caller, [FromRoute(Name = "link_id")] Guid linkId, LinkService links, HttpContext http, CancellationToken ct) =>
        TypedResults.Ok(await ViewAsync(await links.GetAsync(caller, linkId, ct), links, http, ct));

    private static async Task<Ok<LinkView>> TransitionAsync(
        LinkAction action, CurrentCaller caller, Guid linkId, TransitionRequest? request, HttpContext http, LinkService links, CancellationToken ct)
    {
        var ifMatch = http.Request.Headers.IfMatch.Count > 0 ? http.Request.Headers.IfMatch.ToString() : null;
        return TypedResults.Ok(await ViewAsync(await links.PerformAsync(caller, action, linkId, request, ifMatch, ct), links, http, ct));
    }

    private static async Task<Created<LinkView>> CreatedAsync(ResellerLink link, LinkService links, HttpContext http, CancellationToken ct) =>
        TypedResults.Created($"{Prefix}/links/{link.Id}", await ViewAsync(link, links, http, ct));

    private static async Task<LinkView> ViewAsync(ResellerLink link, LinkService links, HttpContext http, CancellationToken ct)
    {
        http.Response.SetETag(ETags.FromVersion(link.Version));
        return LinkView.From(await links.NamedAsync(link, ct))[0];
    }

    /// <summary>Accepting an invitation can find it expired; a move to active checks the join blockers again.</summary>
    private static ErrorCode[] ErrorCodesOf(LinkAction action)
    {
        ErrorCode[] blockers = [ResellersErrors.AlreadySolutionProvider, ResellersErrors.AssociatedCustomer, ResellersErrors.ArrearsOrCreditAccount, ResellersErrors.Frozen];
        return action switch
        {
            LinkAction.Accept => [ResellersErrors.InvitationExpired, .. blockers],
            LinkAction.Approve => blockers,
            _ => [],
        };
    }

    private static string Summary(LinkAction action) => action switch
    {
        LinkAction.VendorApprove => "Vendor staff approve an application (applied → vendor_approved)",
        LinkAction.VendorReject => "Vendor staff reject an application (applied → rejected)",
        LinkAction.Approve => "The distributor approves a vendor-approved application (vendor_approved → active)",
        LinkAction.Reject => "The distributor rejects a vendor-approved application (vendor_approved → rejected)",
        LinkAction.Accept => "The invited account accepts within 7 days (invited → active)",
        LinkAction.Decline => "The invited account declines (invited → rejected)",
        LinkAction.Suspend => "Vendor staff or the distributor suspend an active link (active → suspended)",
        LinkAction.Reinstate => "Vendor staff or the distributor reinstate a suspended link (suspended → active)",
        LinkAction.Revoke => "Vendor staff or the distributor end a link for good (active/suspended → revoked); reason required",
        _ => action.ToString(),
    };
}

using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using PartnerPlatform.ServiceDefaults;
using Resellers.Api.Application;
using Resellers.Api.Data;
using Resellers.Api.Domain;
using Resellers.Api.Infrastructure;

namespace Resellers.Api.Apis;

public sealed record ApplyRequest(Guid DistributorPartnerId);

public sealed record InviteRequest(Guid ResellerPartnerId);

/// <summary><c>reason</c>: optional, at most 500 characters; required to revoke.</summary>
public sealed record TransitionRequest(string? Reason = null);

/// <summary><c>decision</c>: <c>approve</c> or <c>reject</c>; at most 100 link ids.</summary>
public sealed record ReviewRequest(IReadOnlyList<Guid> LinkIds, string Decision, string? Reason = null);

public sealed record ReviewResponse(IReadOnlyList<Guid> Succeeded, IReadOnlyList<BatchError> ErrorDetails);

/// <summary>Ways into the distribution plan and the link state machine.</summary>
public static class LinksApi
{
    public const string Prefix = "/v2/partners/distribution";
    public const int MaxBatch = 100;
    public const int MaxReasonLength = 500;

    public static IEndpointRouteBuilder MapLinksApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(Prefix).WithTags("Links");

        api.MapPost("/applications", ApplyAsync)
            .WithName("ApplyToDistributionPlan")
            .WithSummary("Apply to the distribution plan naming a distributor (vendor staff review first, then the distributor)")
            .RequirePartner()
            .WithIdempotency();

        api.MapPost("/quick-join", QuickJoinAsync)
            .WithName("QuickJoinDistributionPlan")
            .WithSummary("An account whose solution provider programme expired joins as a cloud reseller; the distributor reviews it")
            .RequirePartner()
            .WithIdempotency();

        api.MapPost("/invitations", InviteAsync)
            .WithName("InviteReseller")
            .WithSummary("A distributor invites an account to become its cloud reseller (valid 7 days)")
            .RequireProgramme(KnownProgramme.Distributor)
            .WithIdempotency();

        api.MapPost("/applications/review", ReviewAsync)
            .WithName("ReviewResellerApplications")
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
                        HttpContext http, LinkService links, ResellersDbContext db, CancellationToken ct) =>
                        TransitionAsync(action, caller, linkId, request, http, links, db, ct))
                .WithName(action + "ResellerLink")
                .WithSummary(Summary(action));
            if (LinkTransitions.ActorsOf(action) == LinkActor.Vendor)
            {
                endpoint.RequireVendorRole(CallerExtensions.VendorRoles);
            }
        }

        return app;
    }

    private static async Task<Created<LinkView>> ApplyAsync(
        ApplyRequest request, CurrentCaller caller, LinkService links, ResellersDbContext db, HttpContext http, CancellationToken ct)
    {
        Validation.RequireId("distributor_partner_id", request.DistributorPartnerId);
        var link = await links.ApplyAsync(caller.PartnerGuid(), request.DistributorPartnerId, quickJoin: false, caller.UserGuid(), ct);
        return await CreatedAsync(link, db, http, ct);
    }

    private static async Task<Created<LinkView>> QuickJoinAsync(
        ApplyRequest request, CurrentCaller caller, LinkService links, ResellersDbContext db, HttpContext http, CancellationToken ct)
    {
        Validation.RequireId("distributor_partner_id", request.DistributorPartnerId);
        var link = await links.ApplyAsync(caller.PartnerGuid(), request.DistributorPartnerId, quickJoin: true, caller.UserGuid(), ct);
        return await CreatedAsync(link, db, http, ct);
    }

    private static async Task<Created<LinkView>> InviteAsync(
        InviteRequest request, CurrentCaller caller, LinkService links, ResellersDbContext db, HttpContext http, CancellationToken ct)
    {
        Validation.RequireId("reseller_partner_id", request.ResellerPartnerId);
        var link = await links.InviteAsync(caller.PartnerGuid(), request.ResellerPartnerId, caller.UserGuid(), ct);
        return await CreatedAsync(link, db, http, ct);
    }

    private static async Task<Ok<ReviewResponse>> ReviewAsync(ReviewRequest request, CurrentCaller caller, LinkService links, CancellationToken ct)
    {
        var validation = new Validation();
        var action = request.Decision switch
        {
            "approve" => LinkAction.Approve,
            "reject" => LinkAction.Reject,
            _ => (LinkAction?)null,
        };
        if (action is null)
        {
            validation.Add("decision", "decision must be 'approve' or 'reject'.");
        }

        var reason = validation.Text("reason", request.Reason, MaxReasonLength);
        if (request.LinkIds.Count > MaxBatch)
        {
            throw new ApiException(
                ErrorCodes.ParameterOutOfRange,
                $"At most {MaxBatch} link ids per request.",
                new Dictionary<string, string[]> { ["link_ids"] = [$"At most {MaxBatch} link ids."] });
        }

        if (request.LinkIds.Count == 0)
        {
            validation.Add("link_ids", "At least one link id is required.");
        }

        validation.ThrowIfAny();
        _ = caller.PartnerGuid();
        var outcome = await links.ReviewAsync(request.LinkIds, action!.Value, caller, reason, ct);
        return TypedResults.Ok(new ReviewResponse(outcome.Succeeded, outcome.ErrorDetails));
    }

    private static async Task<Ok<PagedResponse<LinkView>>> ListAsync(
        CurrentCaller caller, PageRequest page, ResellersDbContext db, CancellationToken ct, string? state = null, string? role = null)
    {
        var query = db.Links.AsNoTracking();
        if (!caller.IsVendorStaff())
        {
            var partner = caller.PartnerGuid();
            query = role switch
            {
                null => query.Where(l => l.DistributorPartnerId == partner || l.ResellerPartnerId == partner),
                "distributor" => query.Where(l => l.DistributorPartnerId == partner),
                "reseller" => query.Where(l => l.ResellerPartnerId == partner),
                _ => throw ApiException.InvalidField("role", "role must be 'distributor' or 'reseller'."),
            };
        }

        if (state is not null)
        {
            var parsed = Enum.GetValues<LinkState>().Where(s => Names.Snake(s) == state).Select(s => (LinkState?)s).FirstOrDefault()
                ?? throw ApiException.InvalidField("state", "Unknown state.");
            query = query.Where(l => l.State == parsed);
        }

        var total = await query.LongCountAsync(ct);
        var links = await query.OrderByDescending(l => l.CreatedAt).ThenBy(l => l.Id).Page(page).ToListAsync(ct);
        var names = await db.PartnerNamesAsync(links.SelectMany(l => new[] { l.DistributorPartnerId, l.ResellerPartnerId }), ct);
        return TypedResults.Ok(new PagedResponse<LinkView>("links", total, [.. links.Select(l => l.ToView(names))]));
    }

    private static async Task<Ok<LinkView>> GetAsync(
        CurrentCaller caller, [FromRoute(Name = "link_id")] Guid linkId, ResellersDbContext db, HttpContext http, CancellationToken ct)
    {
        var link = await db.Links.AsNoTracking().SingleOrDefaultAsync(l => l.Id == linkId, ct);
        var partner = caller.PartnerGuidOrNull();
        if (link is null || !(caller.IsVendorStaff() || link.DistributorPartnerId == partner || link.ResellerPartnerId == partner))
        {
            throw ApiException.NotFound();
        }

        http.Response.SetETag(ETags.FromVersion(link.Version));
        return TypedResults.Ok(await db.ToViewAsync(link, ct));
    }

    private static async Task<Ok<LinkView>> TransitionAsync(
        LinkAction action, CurrentCaller caller, Guid linkId, TransitionRequest? request, HttpContext http,
        LinkService links, ResellersDbContext db, CancellationToken ct)
    {
        var validation = new Validation();
        var reason = validation.Text("reason", request?.Reason, MaxReasonLength, required: action == LinkAction.Revoke);
        validation.ThrowIfAny();
        var ifMatch = http.Request.Headers.IfMatch.Count > 0 ? http.Request.Headers.IfMatch.ToString() : null;
        var link = await links.PerformAsync(linkId, action, caller, reason, ifMatch, ct);
        http.Response.SetETag(ETags.FromVersion(link.Version));
        return TypedResults.Ok(await db.ToViewAsync(link, ct));
    }

    private static async Task<Created<LinkView>> CreatedAsync(ResellerLink link, ResellersDbContext db, HttpContext http, CancellationToken ct)
    {
        http.Response.SetETag(ETags.FromVersion(link.Version));
        return TypedResults.Created($"{Prefix}/links/{link.Id}", await db.ToViewAsync(link, ct));
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

using Identity.Api.Domain;
using Identity.Api.Application;
using Microsoft.AspNetCore.Http.HttpResults;
using PartnerPlatform.ServiceDefaults;

namespace Identity.Api.Apis;

/// <summary>Org members: accounts, roles of permission items, invitations to bind personal accounts.</summary>
public static class MembersApi
{
    public static readonly IReadOnlyDictionary<string, string> PermissionDescriptions = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [PermissionItems.CustomersCreate] = "Create customers through the registration API",
        [PermissionItems.CustomersAssociate] = "Pre-register customers and invite them",
        [PermissionItems.CustomersManage] = "Request authorisations, disassociate, assign account managers",
        [PermissionItems.CustomersViewPii] = "Reveal customers' personal data",
        [PermissionItems.CouponsIssue] = "Issue coupons",
        [PermissionItems.CouponsRecall] = "Recall coupons",
        [PermissionItems.OpportunitiesManage] = "Share and manage opportunities",
        [PermissionItems.IncentivesManage] = "Claim incentives and apply for payment",
        [PermissionItems.MembersManage] = "Create members, roles and invitations",
        [PermissionItems.PartnerManage] = "Join programmes, certify business information",
    };

    public static IEndpointRouteBuilder MapMembersApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v2/partners/members").WithTags("Org members").RequirePartner();

        group.MapGet("/permission-items", () => TypedResults.Ok(new PermissionItemsView(
                [.. PermissionItems.All.Select(p => new PermissionItemView(p, PermissionDescriptions[p]))])))
            .WithName("ListPermissionItems")
            .WithSummary("The permission items roles are made of");
        group.MapPost("/", CreateAsync)
            .WithName("CreateMember")
            .ProducesErrorCodes(IdentityErrors.InvalidAccountName, IdentityErrors.InvalidMobile, IdentityErrors.InvalidPassword, IdentityErrors.AccountNameExists)
            .WithSummary("Create a member account inside the partner, optionally with roles")
            .RequirePermission(PermissionItems.MembersManage)
            .WithIdempotency(required: false);
        group.MapGet("/", ListAsync)
            .WithName("ListMembers")
            .WithSummary("The partner's accounts (main account and members), personal data masked");
        group.MapGet("/{memberId:guid}", GetAsync)
            .WithName("GetMember")
            .WithSummary("One of the partner's accounts with its roles");
        group.MapPut("/{memberId:guid}/roles", AssignRolesAsync)
            .WithName("AssignMemberRoles")
            .ProducesErrorCodes()
            .WithSummary("Replace a member's roles (effective at its next sign-in or refresh)")
            .RequirePermission(PermissionItems.MembersManage);
        group.MapPost("/roles", CreateRoleAsync)
            .WithName("CreateRole")
            .ProducesErrorCodes()
            .WithSummary("Define a role as a set of permission items")
            .RequirePermission(PermissionItems.MembersManage);
        group.MapGet("/roles", ListRolesAsync)
            .WithName("ListRoles")
            .WithSummary("The partner's roles");
        group.MapPut("/roles/{roleId:guid}", UpdateRoleAsync)
            .WithName("UpdateRole")
            .ProducesErrorCodes()
            .WithSummary("Rename a role or change its permission items")
            .RequirePermission(PermissionItems.MembersManage);
        group.MapPost("/invitations", InviteAsync)
            .WithName("InviteMember")
            .ProducesErrorCodes(IdentityErrors.InvalidMobile, IdentityErrors.MemberInvitationLimit, IdentityErrors.MemberInvitationPending)
            .WithSummary("Invite a person by email or mobile to bind a personal account (7 days; 100 per administrator per day)")
            .RequirePermission(PermissionItems.MembersManage);
        group.MapGet("/invitations", ListInvitationsAsync)
            .WithName("ListMemberInvitations")
            .WithSummary("The partner's member invitations with their status, addresses masked");

        app.MapPost("/v2/partners/members/invitations/accept", AcceptAsync)
            .WithTags("Org members")
            .WithName("AcceptMemberInvitation")
            .ProducesErrorCodes(IdentityErrors.InvitationInvalid, IdentityErrors.InvitationUsed, IdentityErrors.InvitationExpired)
            .WithSummary("A signed-in personal account accepts an invitation and is bound to the partner");
        app.MapGet("/v2/partners/members/invitations/preview", PreviewInvitationAsync)
            .WithTags("Org members")
            .WithName("PreviewMemberInvitation")
            .ProducesErrorCodes(IdentityErrors.InvitationInvalid)
            .WithSummary("Before signing in: the inviting partner, channel and masked address, expiry and status of a member invitation link (read only)")
            .AllowAnonymous()
            .WithRateLimit();
        return app;
    }

    public static async Task<Created<MemberView>> CreateAsync(CreateMemberRequest request, CurrentCaller caller, Members members, CancellationToken cancellationToken) =>
        MemberView.Created(await members.CreateAsync(caller.GetPartnerGuid(), caller.GetUserGuid(), request.ToNewMember(), cancellationToken), request.RoleIds);

    public static async Task<Ok<PagedResponse<MemberView>>> ListAsync(PageRequest page, CurrentCaller caller, MemberQueries queries, CancellationToken cancellationToken) =>
        Views.Page("members", await queries.ListMembersAsync(caller.GetPartnerGuid(), page, cancellationToken), MemberView.From);

    public static async Task<Ok<MemberView>> GetAsync(Guid memberId, CurrentCaller caller, MemberQueries queries, CancellationToken cancellationToken) =>
        TypedResults.Ok(MemberView.From(await queries.GetMemberAsync(caller.GetPartnerGuid(), memberId, cancellationToken)));

    public static async Task<Ok<MemberRolesView>> AssignRolesAsync(
        Guid memberId, AssignRolesRequest request, CurrentCaller caller, Members members, CancellationToken cancellationToken) =>
        TypedResults.Ok(new MemberRolesView(memberId, await members.AssignRolesAsync(caller.GetPartnerGuid(), memberId, request.RoleIds, cancellationToken)));

    public static async Task<Created<RoleView>> CreateRoleAsync(RoleRequest request, CurrentCaller caller, Members members, CancellationToken cancellationToken) =>
        RoleView.Created(await members.CreateRoleAsync(caller.GetPartnerGuid(), request.ToDefinition(), cancellationToken));

    public static async Task<Ok<RoleView>> UpdateRoleAsync(Guid roleId, RoleRequest request, CurrentCaller caller, Members members, CancellationToken cancellationToken) =>
        TypedResults.Ok(RoleView.From(await members.UpdateRoleAsync(caller.GetPartnerGuid(), roleId, request.ToDefinition(), cancellationToken)));

    public static async Task<Ok<PagedResponse<RoleView>>> ListRolesAsync(PageRequest page, CurrentCaller caller, MemberQueries queries, CancellationToken cancellationToken) =>
        Views.Page("roles", await queries.ListRolesAsync(caller.GetPartnerGuid(), page, cancellationToken), RoleView.From);

    public static async Task<Created<MemberInvitationView>> InviteAsync(
        InviteMemberRequest request, CurrentCaller caller, Members members, TimeProvider timeProvider, CancellationToken cancellationToken) =>
        TypedResults.Created("/v2/partners/members/invitations", MemberInvitationView.From(
            await members.InviteAsync(caller.GetPartnerGuid(), caller.GetUserGuid(), request.Channel, request.Address, cancellationToken), timeProvider.Now()));

    public static async Task<Ok<PagedResponse<MemberInvitationView>>> ListInvitationsAsync(
        PageRequest page, CurrentCaller caller, MemberQueries queries, TimeProvider timeProvider, CancellationToken cancellationToken) =>
        Views.Page("invitations", await queries.ListInvitationsAsync(caller.GetPartnerGuid(), page, cancellationToken), i => MemberInvitationView.From(i, timeProvider.Now()));

    public static async Task<Ok<MemberInvitationView>> AcceptAsync(
        AcceptMemberInvitationRequest request, CurrentCaller caller, Members members, TimeProvider timeProvider, CancellationToken cancellationToken) =>
        TypedResults.Ok(MemberInvitationView.From(await members.AcceptInvitationAsync(caller.GetUserGuid(), request.Token, cancellationToken), timeProvider.Now()));

    public static async Task<Ok<InvitationPreviewView>> PreviewInvitationAsync(
        string? token, HttpResponse response, Members members, TimeProvider timeProvider, CancellationToken cancellationToken) =>
        Views.NoStore(response, InvitationPreviewView.From(await members.PreviewInvitationAsync(token, cancellationToken), timeProvider.Now()));

    public sealed record PermissionItemView(string PermissionItem, string Description);

    public sealed record PermissionItemsView(IReadOnlyList<PermissionItemView> PermissionItems);

    public sealed record MemberRolesView(Guid MemberId, IReadOnlyList<Guid> RoleIds);
}

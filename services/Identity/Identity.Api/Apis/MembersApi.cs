using Identity.Api.Data;
using Identity.Api.Domain;
using Identity.Api.Application;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
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
            .WithSummary("Replace a member's roles (effective at its next sign-in or refresh)")
            .RequirePermission(PermissionItems.MembersManage);
        group.MapPost("/roles", CreateRoleAsync)
            .WithName("CreateRole")
            .WithSummary("Define a role as a set of permission items")
            .RequirePermission(PermissionItems.MembersManage);
        group.MapGet("/roles", ListRolesAsync)
            .WithName("ListRoles")
            .WithSummary("The partner's roles");
        group.MapPut("/roles/{roleId:guid}", UpdateRoleAsync)
            .WithName("UpdateRole")
            .WithSummary("Rename a role or change its permission items")
            .RequirePermission(PermissionItems.MembersManage);
        group.MapPost("/invitations", InviteAsync)
            .WithName("InviteMember")
            .WithSummary("Invite a person by email or mobile to bind a personal account (7 days; 100 per administrator per day)")
            .RequirePermission(PermissionItems.MembersManage);
        group.MapGet("/invitations", ListInvitationsAsync)
            .WithName("ListMemberInvitations")
            .WithSummary("The partner's member invitations with their status, addresses masked");

        app.MapPost("/v2/partners/members/invitations/accept", AcceptAsync)
            .WithTags("Org members")
            .WithName("AcceptMemberInvitation")
            .WithSummary("A signed-in personal account accepts an invitation and is bound to the partner");
        app.MapGet("/v2/partners/members/invitations/preview", PreviewInvitationAsync)
            .WithTags("Org members")
            .WithName("PreviewMemberInvitation")
            .WithSummary("Before signing in: the inviting partner, channel and masked address, expiry and status of a member invitation link (read only)")
            .AllowAnonymous()
            .WithRateLimit();
        return app;
    }

    public static async Task<Created<MemberView>> CreateAsync(
        CreateMemberRequest request, CurrentCaller caller, Members members, CancellationToken cancellationToken)
    {
        var userName = Rules.Clean(request.UserName);
        var displayName = Rules.Clean(request.DisplayName);
        var email = Rules.Clean(request.Email)?.ToLowerInvariant();
        var mobile = Rules.Clean(request.MobilePhone);
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (displayName is not { Length: <= 128 })
        {
            errors["display_name"] = ["display_name is required, at most 128 characters."];
        }

        if (email is not null && !Rules.IsValidEmail(email))
        {
            errors["email"] = ["email must be a valid email address."];
        }

        if (errors.Count > 0)
        {
            throw ApiException.Validation(errors);
        }

        if (!Rules.IsValidAccountName(userName))
        {
            throw new ApiException(IdentityErrors.InvalidAccountName, null, new Dictionary<string, string[]> { ["user_name"] = [IdentityErrors.InvalidAccountName.Message] });
        }

        if (mobile is not null && !Rules.IsValidMobile(mobile))
        {
            throw new ApiException(IdentityErrors.InvalidMobile, null, new Dictionary<string, string[]> { ["mobile_phone"] = [IdentityErrors.InvalidMobile.Message] });
        }

        if (!Rules.IsValidPassword(request.Password, userName, mobile))
        {
            throw new ApiException(IdentityErrors.InvalidPassword, null, new Dictionary<string, string[]> { ["password"] = [IdentityErrors.InvalidPassword.Message] });
        }

        var roleIds = request.RoleIds ?? [];
        var account = await members.CreateAsync(
            caller.RequirePartnerGuid(), caller.RequireUserGuid(), new Members.NewMember(userName!, request.Password!, displayName!, email, mobile, roleIds), cancellationToken);
        return TypedResults.Created($"/v2/partners/members/{account.Id}", MemberView.From(account, roleIds));
    }

    public static async Task<Ok<PagedResponse<MemberView>>> ListAsync(
        PageRequest page, CurrentCaller caller, IdentityDbContext db, CancellationToken cancellationToken)
    {
        var partnerId = caller.RequirePartnerGuid();
        var query = db.Users.AsNoTracking().Where(a => a.PartnerId == partnerId);
        var total = await query.CountAsync(cancellationToken);
        var accounts = await query.OrderBy(a => a.CreatedAt).ThenBy(a => a.Id).Page(page).ToListAsync(cancellationToken);
        var ids = accounts.Select(a => a.Id).ToList();
        var roles = await db.MemberRoles.AsNoTracking().Where(m => ids.Contains(m.AccountId)).ToListAsync(cancellationToken);
        return TypedResults.Ok(new PagedResponse<MemberView>(
            "members", total, [.. accounts.Select(a => MemberView.From(a, [.. roles.Where(r => r.AccountId == a.Id).Select(r => r.RoleId)]))]));
    }

    public static async Task<Ok<MemberView>> GetAsync(Guid memberId, CurrentCaller caller, IdentityDbContext db, CancellationToken cancellationToken)
    {
        var partnerId = caller.RequirePartnerGuid();
        var account = await db.Users.AsNoTracking().SingleOrDefaultAsync(a => a.Id == memberId && a.PartnerId == partnerId, cancellationToken)
            ?? throw ApiException.NotFound();
        var roles = await db.MemberRoles.AsNoTracking().Where(m => m.AccountId == memberId).Select(m => m.RoleId).ToListAsync(cancellationToken);
        return TypedResults.Ok(MemberView.From(account, roles));
    }

    public static async Task<Ok<MemberRolesView>> AssignRolesAsync(
        Guid memberId, AssignRolesRequest request, CurrentCaller caller, Members members, CancellationToken cancellationToken)
    {
        var roleIds = request.RoleIds ?? throw ApiException.InvalidField("role_ids", "role_ids is required (an empty list removes every role).");
        return TypedResults.Ok(new MemberRolesView(memberId, await members.AssignRolesAsync(caller.RequirePartnerGuid(), memberId, roleIds, cancellationToken)));
    }

    public static async Task<Created<RoleView>> CreateRoleAsync(RoleRequest request, CurrentCaller caller, Members members, CancellationToken cancellationToken)
    {
        var (name, permissions) = Validate(request);
        var role = await members.CreateRoleAsync(caller.RequirePartnerGuid(), name, permissions, cancellationToken);
        return TypedResults.Created($"/v2/partners/members/roles/{role.Id}", RoleView.From(role));
    }

    public static async Task<Ok<RoleView>> UpdateRoleAsync(Guid roleId, RoleRequest request, CurrentCaller caller, Members members, CancellationToken cancellationToken)
    {
        var (name, permissions) = Validate(request);
        return TypedResults.Ok(RoleView.From(await members.UpdateRoleAsync(caller.RequirePartnerGuid(), roleId, name, permissions, cancellationToken)));
    }

    public static async Task<Ok<PagedResponse<RoleView>>> ListRolesAsync(PageRequest page, CurrentCaller caller, IdentityDbContext db, CancellationToken cancellationToken)
    {
        var partnerId = caller.RequirePartnerGuid();
        var query = db.PartnerRoles.AsNoTracking().Where(r => r.PartnerId == partnerId);
        var total = await query.CountAsync(cancellationToken);
        var roles = await query.OrderBy(r => r.Name).Page(page).ToListAsync(cancellationToken);
        return TypedResults.Ok(new PagedResponse<RoleView>("roles", total, [.. roles.Select(RoleView.From)]));
    }

    public static async Task<Created<MemberInvitationView>> InviteAsync(
        InviteMemberRequest request, CurrentCaller caller, Members members, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        var channel = request.Channel ?? throw ApiException.InvalidField("channel", "channel is email or mobile.");
        var address = Rules.Clean(request.Address);
        if (channel == MemberInvitationChannel.Email)
        {
            address = address?.ToLowerInvariant();
            if (!Rules.IsValidEmail(address))
            {
                throw ApiException.InvalidField("address", "address must be a valid email address.");
            }
        }
        else if (!Rules.IsValidMobile(address))
        {
            throw new ApiException(IdentityErrors.InvalidMobile, null, new Dictionary<string, string[]> { ["address"] = [IdentityErrors.InvalidMobile.Message] });
        }

        var invitation = await members.InviteAsync(caller.RequirePartnerGuid(), caller.RequireUserGuid(), channel, address!, cancellationToken);
        return TypedResults.Created("/v2/partners/members/invitations", MemberInvitationView.From(invitation, timeProvider.Now()));
    }

    public static async Task<Ok<PagedResponse<MemberInvitationView>>> ListInvitationsAsync(
        PageRequest page, CurrentCaller caller, IdentityDbContext db, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        var partnerId = caller.RequirePartnerGuid();
        var query = db.MemberInvitations.AsNoTracking().Where(i => i.PartnerId == partnerId);
        var total = await query.CountAsync(cancellationToken);
        var now = timeProvider.Now();
        var items = await query.OrderByDescending(i => i.CreatedAt).ThenBy(i => i.Id).Page(page).ToListAsync(cancellationToken);
        return TypedResults.Ok(new PagedResponse<MemberInvitationView>("invitations", total, [.. items.Select(i => MemberInvitationView.From(i, now))]));
    }

    public static async Task<Ok<MemberInvitationView>> AcceptAsync(
        AcceptMemberInvitationRequest request, CurrentCaller caller, Members members, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        var token = Rules.Clean(request.Token) ?? throw ApiException.InvalidField("token", "token is required.");
        var invitation = await members.AcceptInvitationAsync(caller.RequireUserGuid(), token, cancellationToken);
        return TypedResults.Ok(MemberInvitationView.From(invitation, timeProvider.Now()));
    }

    public static async Task<Ok<InvitationPreviewView>> PreviewInvitationAsync(
        string? token, HttpResponse response, Members members, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        var link = Rules.Clean(token) ?? throw ApiException.InvalidField("token", "token is required.");
        var (invitation, partnerName) = await members.PreviewInvitationAsync(link, cancellationToken);
        // The URL carries the link's secret and the answer changes once the link is used: no cache keeps it.
        response.Headers.CacheControl = "no-store";
        return TypedResults.Ok(InvitationPreviewView.From(invitation, partnerName, timeProvider.Now()));
    }

    private static (string Name, IReadOnlyList<string> Permissions) Validate(RoleRequest request)
    {
        var name = Rules.Clean(request.Name);
        if (name is not { Length: <= 64 })
        {
            throw ApiException.InvalidField("name", "name is required, at most 64 characters.");
        }

        var permissions = request.Permissions ?? throw ApiException.InvalidField("permissions", "permissions is a list of permission items.");
        if (permissions.FirstOrDefault(p => !PermissionItems.IsKnown(p)) is { } unknown)
        {
            throw ApiException.InvalidField("permissions", $"'{unknown}' is not a permission item (see GET /v2/partners/members/permission-items).");
        }

        return (name, permissions);
    }

    public sealed record CreateMemberRequest(
        string? UserName = null, string? Password = null, string? DisplayName = null, string? Email = null, string? MobilePhone = null, IReadOnlyList<Guid>? RoleIds = null);

    public sealed record AssignRolesRequest(IReadOnlyList<Guid>? RoleIds = null);

    public sealed record RoleRequest(string? Name = null, IReadOnlyList<string>? Permissions = null);

    public sealed record InviteMemberRequest(MemberInvitationChannel? Channel = null, string? Address = null);

    public sealed record AcceptMemberInvitationRequest(string? Token = null);

    public sealed record PermissionItemView(string PermissionItem, string Description);

    public sealed record PermissionItemsView(IReadOnlyList<PermissionItemView> PermissionItems);

    public sealed record MemberRolesView(Guid MemberId, IReadOnlyList<Guid> RoleIds);
}

public sealed record MemberView(
    Guid MemberId, string UserName, string? DisplayName, AccountKind Kind, string? Email, string? MobilePhone, IReadOnlyList<Guid> RoleIds, DateTimeOffset CreatedAt)
{
    public static MemberView From(Account account, IReadOnlyList<Guid> roleIds) => new(
        account.Id, account.UserName!, account.DisplayName, account.Kind, PiiMask.Email(account.Email), PiiMask.Mobile(account.PhoneNumber), roleIds, account.CreatedAt);
}

public sealed record RoleView(Guid RoleId, string Name, IReadOnlyList<string> Permissions, DateTimeOffset UpdatedAt)
{
    public static RoleView From(PartnerRole role) => new(role.Id, role.Name, role.Permissions, role.UpdatedAt);
}

public sealed record MemberInvitationView(
    Guid InvitationId, MemberInvitationChannel Channel, string Address, MemberInvitationStatus Status, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt, Guid InvitedBy)
{
    public static MemberInvitationView From(MemberInvitation i, DateTimeOffset now) => new(
        i.Id, i.Channel, (i.Channel == MemberInvitationChannel.Email ? PiiMask.Email(i.Address) : PiiMask.Mobile(i.Address))!, i.StatusAt(now), i.CreatedAt, i.ExpiresAt, i.InvitedBy);
}

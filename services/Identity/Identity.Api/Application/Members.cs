using System.Security.Cryptography;
using Identity.Api.Data;
using Identity.Api.Domain;
using Identity.Api.Infrastructure.Accounts;
using Identity.Api.Infrastructure.Notifications;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PartnerPlatform.Contracts.Identity;
using PartnerPlatform.Messaging.Outbox;
using PartnerPlatform.ServiceDefaults;

namespace Identity.Api.Application;

/// <summary>
/// Org members (组织人员): accounts the main account creates, roles of permission items, and
/// invitations to bind personal accounts (7 days, at most 100 per administrator per day, a new one
/// to an address only after the previous expired).
/// </summary>
public sealed class Members(
    IdentityDbContext db,
    UserManager<Account> users,
    IOutbox outbox,
    INotificationSender notifications,
    IDataProtectionProvider dataProtection,
    IOptions<IdentityOptions> options,
    IOptions<NotificationOptions> notificationOptions,
    TimeProvider timeProvider)
{
    private readonly IDataProtector _tokens = dataProtection.CreateProtector("Identity.MemberInvitation");

    /// <summary>A member as asked for; <see cref="CreateAsync"/> checks it.</summary>
    public sealed record NewMember(string? UserName, string? Password, string? DisplayName, string? Email, string? MobilePhone, IReadOnlyList<Guid>? RoleIds);

    /// <summary>A role as asked for; <see cref="CreateRoleAsync"/> and <see cref="UpdateRoleAsync"/> check it.</summary>
    public sealed record RoleDefinition(string? Name, IReadOnlyList<string>? Permissions);

    public async Task<Account> CreateAsync(Guid partnerId, Guid createdBy, NewMember request, CancellationToken cancellationToken)
    {
        var member = Checked(request);
        await EnsureRolesAsync(partnerId, member.RoleIds!, cancellationToken);
        var now = timeProvider.Now();
        var account = new Account
        {
            Id = Guid.CreateVersion7(now),
            UserName = member.UserName,
            Email = member.Email,
            PhoneNumber = member.MobilePhone,
            DisplayName = member.DisplayName,
            Kind = AccountKind.Member,
            PartnerId = partnerId,
            CreatedAt = now,
            CreatedBy = createdBy,
        };
        db.MemberRoles.AddRange(member.RoleIds!.Distinct().Select(r => new MemberRole { AccountId = account.Id, RoleId = r }));
        try
        {
            (await users.CreateAsync(account, member.Password!)).ThrowIfFailed();
        }
        catch (DbUpdateException ex) when (ex.IsUniqueViolation())
        {
            throw new ApiException(IdentityErrors.AccountNameExists);
        }

        return account;
    }

    public async Task<PartnerRole> CreateRoleAsync(Guid partnerId, RoleDefinition definition, CancellationToken cancellationToken)
    {
        var (name, permissions) = Checked(definition);
        var now = timeProvider.Now();
        var role = new PartnerRole { Id = Guid.CreateVersion7(now), PartnerId = partnerId, Name = name, Permissions = [.. permissions.Distinct()], CreatedAt = now, UpdatedAt = now };
        db.PartnerRoles.Add(role);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.IsUniqueViolation())
        {
            throw ApiException.IllegalState("The partner already has a role of this name.");
        }

        return role;
    }

    public async Task<PartnerRole> UpdateRoleAsync(Guid partnerId, Guid roleId, RoleDefinition definition, CancellationToken cancellationToken)
    {
        var (name, permissions) = Checked(definition);
        var role = await db.PartnerRoles.SingleOrDefaultAsync(r => r.Id == roleId && r.PartnerId == partnerId, cancellationToken)
            ?? throw ApiException.NotFound();
        role.Name = name;
        role.Permissions = [.. permissions.Distinct()];
        role.UpdatedAt = timeProvider.Now();
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.IsUniqueViolation())
        {
            throw ApiException.IllegalState("The partner already has a role of this name.");
        }

        return role;
    }

    /// <summary>Replaces the member's roles; takes effect at its next sign-in or token refresh.</summary>
    public async Task<IReadOnlyList<Guid>> AssignRolesAsync(Guid partnerId, Guid memberId, IReadOnlyList<Guid>? requestedRoleIds, CancellationToken cancellationToken)
    {
        var roleIds = requestedRoleIds ?? throw FieldValidation.Invalid("role_ids", "role_ids is required (an empty list removes every role).");
        if (!await db.Users.AnyAsync(a => a.Id == memberId && a.PartnerId == partnerId && a.Kind == AccountKind.Member, cancellationToken))
        {
            throw ApiException.NotFound();
        }

        await EnsureRolesAsync(partnerId, roleIds, cancellationToken);
        var current = await db.MemberRoles.Where(m => m.AccountId == memberId).ToListAsync(cancellationToken);
        db.MemberRoles.RemoveRange(current.Where(m => !roleIds.Contains(m.RoleId)));
        db.MemberRoles.AddRange(roleIds.Distinct().Where(r => current.All(m => m.RoleId != r)).Select(r => new MemberRole { AccountId = memberId, RoleId = r }));
        await db.SaveChangesAsync(cancellationToken);
        return [.. roleIds.Distinct()];
    }

    public async Task<MemberInvitation> InviteAsync(
        Guid partnerId, Guid invitedBy, MemberInvitationChannel? requestedChannel, string? requestedAddress, CancellationToken cancellationToken)
    {
        var (channel, address) = CheckedAddress(requestedChannel, requestedAddress);
        var now = timeProvider.Now();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // The per-administrator daily count is exact under concurrency.
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtext('member-invitations:' || {invitedBy.ToString()}))", cancellationToken);
        var sentToday = await db.MemberInvitations.CountAsync(i => i.InvitedBy == invitedBy && i.CreatedAt > now.AddDays(-1), cancellationToken);
        if (sentToday >= options.Value.MemberInvitationsPerDay)
        {
            throw new ApiException(IdentityErrors.MemberInvitationLimit);
        }

        if (await db.MemberInvitations.AnyAsync(
                i => i.PartnerId == partnerId && i.Address == address && i.AcceptedAt == null && i.ExpiresAt > now, cancellationToken))
        {
            throw new ApiException(IdentityErrors.MemberInvitationPending);
        }

        var invitation = new MemberInvitation
        {
            Id = Guid.CreateVersion7(now),
            PartnerId = partnerId,
            InvitedBy = invitedBy,
            Channel = channel,
            Address = address,
            CreatedAt = now,
            ExpiresAt = now + options.Value.MemberInvitationLifetime,
        };
        db.MemberInvitations.Add(invitation);
        outbox.Add(new MemberInvited(partnerId, invitation.Id, invitedBy, SnakeCaseNames.Of(channel), invitation.ExpiresAt, now));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);

        var link = $"{notificationOptions.Value.PublicBaseUrl.TrimEnd('/')}/members/invitations?token={_tokens.Protect(invitation.Id.ToString("N"))}";
        await notifications.SendAsync(
            new Notification(
                channel == MemberInvitationChannel.Email ? NotificationChannel.Email : NotificationChannel.Sms,
                address,
                "Invitation to join a partner organisation",
                $"You are invited to bind your personal account to a partner organisation and share your certificates. Open {link} within 7 days."),
            cancellationToken);
        return invitation;
    }

    /// <summary>A signed-in personal account binds itself to the inviting partner.</summary>
    public async Task<MemberInvitation> AcceptInvitationAsync(Guid accountId, string? token, CancellationToken cancellationToken)
    {
        var id = InvitationId(RequiredToken(token));
        var invitation = (id is null ? null : await db.MemberInvitations.SingleOrDefaultAsync(i => i.Id == id, cancellationToken))
            ?? throw new ApiException(IdentityErrors.InvitationInvalid);

        var now = timeProvider.Now();
        switch (invitation.StatusAt(now))
        {
            case MemberInvitationStatus.Accepted:
                throw new ApiException(IdentityErrors.InvitationUsed);
            case MemberInvitationStatus.Expired:
                throw new ApiException(IdentityErrors.InvitationExpired);
        }

        if (await db.Users.AnyAsync(a => a.Id == accountId && a.PartnerId != null, cancellationToken))
        {
            throw ApiException.IllegalState("Only a personal account can be bound to a partner.");
        }

        invitation.AcceptedAt = now;
        invitation.AcceptedBy = accountId;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new ApiException(IdentityErrors.InvitationUsed);
        }

        return invitation;
    }

    /// <summary>
    /// The invitation behind a link and its partner's name, read without tracking so nothing about
    /// it changes. A link that is not ours or names no invitation is 400 CBC.99000053 either way.
    /// </summary>
    public async Task<(MemberInvitation Invitation, string PartnerName)> PreviewInvitationAsync(string? token, CancellationToken cancellationToken)
    {
        var id = InvitationId(RequiredToken(token));
        var found = id is null ? null : await db.MemberInvitations.AsNoTracking()
            .Where(i => i.Id == id)
            .Join(db.Partners, i => i.PartnerId, p => p.Id, (i, p) => new { Invitation = i, p.CompanyName })
            .SingleOrDefaultAsync(cancellationToken);
        return found is null ? throw new ApiException(IdentityErrors.InvitationInvalid) : (found.Invitation, found.CompanyName);
    }

    /// <summary>The invitation id a link carries; null when the link was not protected by us (an invalid link reads like a missing one).</summary>
    private Guid? InvitationId(string token)
    {
        try
        {
            return Guid.TryParseExact(_tokens.Unprotect(token), "N", out var id) ? id : null;
        }
        catch (CryptographicException)
        {
            return null;
        }
    }

    private static string RequiredToken(string? token) => Rules.Clean(token) ?? throw FieldValidation.Invalid("token", "token is required.");

    private static NewMember Checked(NewMember member)
    {
        var userName = Rules.Clean(member.UserName);
        var displayName = Rules.Clean(member.DisplayName);
        var email = Rules.Clean(member.Email)?.ToLowerInvariant();
        var mobile = Rules.Clean(member.MobilePhone);
        var validation = new FieldValidation()
            .Check(displayName is { Length: <= 128 }, "display_name", "display_name is required, at most 128 characters.")
            .Check(email is null || Rules.IsValidEmail(email), "email", "email must be a valid email address.");
        validation.ThrowIfAny();
        if (!Rules.IsValidAccountName(userName))
        {
            throw FieldValidation.Refuse(IdentityErrors.InvalidAccountName, "user_name");
        }

        if (mobile is not null && !Rules.IsValidMobile(mobile))
        {
            throw FieldValidation.Refuse(IdentityErrors.InvalidMobile, "mobile_phone");
        }

        if (!Rules.IsValidPassword(member.Password, userName, mobile))
        {
            throw FieldValidation.Refuse(IdentityErrors.InvalidPassword, "password");
        }

        return new NewMember(userName, member.Password, displayName, email, mobile, member.RoleIds ?? []);
    }

    private static (string Name, IReadOnlyList<string> Permissions) Checked(RoleDefinition role)
    {
        var name = Rules.Clean(role.Name);
        if (name is not { Length: <= 64 })
        {
            throw FieldValidation.Invalid("name", "name is required, at most 64 characters.");
        }

        var permissions = role.Permissions ?? throw FieldValidation.Invalid("permissions", "permissions is a list of permission items.");
        if (permissions.FirstOrDefault(p => !PermissionItems.IsKnown(p)) is { } unknown)
        {
            throw FieldValidation.Invalid("permissions", $"'{unknown}' is not a permission item (see GET /v2/partners/members/permission-items).");
        }

        return (name, permissions);
    }

    private static (MemberInvitationChannel Channel, string Address) CheckedAddress(MemberInvitationChannel? requestedChannel, string? requestedAddress)
    {
        var channel = requestedChannel ?? throw FieldValidation.Invalid("channel", "channel is email or mobile.");
        var address = Rules.Clean(requestedAddress);
        if (channel == MemberInvitationChannel.Email)
        {
            address = address?.ToLowerInvariant();
            if (!Rules.IsValidEmail(address))
            {
                throw FieldValidation.Invalid("address", "address must be a valid email address.");
            }
        }
        else if (!Rules.IsValidMobile(address))
        {
            throw FieldValidation.Refuse(IdentityErrors.InvalidMobile, "address");
        }

        return (channel, address!);
    }

    private async Task EnsureRolesAsync(Guid partnerId, IReadOnlyList<Guid> roleIds, CancellationToken cancellationToken)
    {
        var distinct = roleIds.Distinct().ToList();
        if (distinct.Count > 0 && await db.PartnerRoles.CountAsync(r => distinct.Contains(r.Id) && r.PartnerId == partnerId, cancellationToken) != distinct.Count)
        {
            throw ApiException.NotFound("A role does not exist or belongs to another partner.");
        }
    }
}

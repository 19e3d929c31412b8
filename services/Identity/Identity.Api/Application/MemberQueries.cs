using Identity.Api.Data;
using Identity.Api.Domain;
using Microsoft.EntityFrameworkCore;
using PartnerPlatform.ServiceDefaults;

namespace Identity.Api.Application;

/// <summary>What the org-member endpoints read: a partner's accounts with their roles, its roles and its invitations.</summary>
public sealed class MemberQueries(IdentityDbContext db)
{
    public sealed record MemberWithRoles(Account Account, IReadOnlyList<Guid> RoleIds);

    public async Task<Listing<MemberWithRoles>> ListMembersAsync(Guid partnerId, PageRequest page, CancellationToken cancellationToken)
    {
        var query = db.Users.AsNoTracking().Where(a => a.PartnerId == partnerId);
        var total = await query.CountAsync(cancellationToken);
        var accounts = await query.OrderBy(a => a.CreatedAt).ThenBy(a => a.Id).Page(page).ToListAsync(cancellationToken);
        var ids = accounts.Select(a => a.Id).ToList();
        var roles = await db.MemberRoles.AsNoTracking().Where(m => ids.Contains(m.AccountId)).ToListAsync(cancellationToken);
        return new(total, [.. accounts.Select(a => new MemberWithRoles(a, [.. roles.Where(r => r.AccountId == a.Id).Select(r => r.RoleId)]))]);
    }

    /// <summary>One of the partner's accounts; 404 CBC.0156 for another partner's.</summary>
    public async Task<MemberWithRoles> GetMemberAsync(Guid partnerId, Guid memberId, CancellationToken cancellationToken)
    {
        var account = await db.Users.AsNoTracking().SingleOrDefaultAsync(a => a.Id == memberId && a.PartnerId == partnerId, cancellationToken)
            ?? throw ApiException.NotFound();
        var roles = await db.MemberRoles.AsNoTracking().Where(m => m.AccountId == memberId).Select(m => m.RoleId).ToListAsync(cancellationToken);
        return new(account, roles);
    }

    public async Task<Listing<PartnerRole>> ListRolesAsync(Guid partnerId, PageRequest page, CancellationToken cancellationToken)
    {
        var query = db.PartnerRoles.AsNoTracking().Where(r => r.PartnerId == partnerId);
        return new(await query.CountAsync(cancellationToken), await query.OrderBy(r => r.Name).Page(page).ToListAsync(cancellationToken));
    }

    public async Task<Listing<MemberInvitation>> ListInvitationsAsync(Guid partnerId, PageRequest page, CancellationToken cancellationToken)
    {
        var query = db.MemberInvitations.AsNoTracking().Where(i => i.PartnerId == partnerId);
        return new(
            await query.CountAsync(cancellationToken),
            await query.OrderByDescending(i => i.CreatedAt).ThenBy(i => i.Id).Page(page).ToListAsync(cancellationToken));
    }
}

using Identity.Api.Data;
using Identity.Api.Domain;
using Microsoft.EntityFrameworkCore;
using PartnerPlatform.ServiceDefaults;

namespace Identity.Api.Infrastructure.Tokens;

/// <summary>
/// The claims other services need, read fresh from the database at every sign-in and refresh:
/// user id, partner id, active programmes, permission items, vendor role, customer id, region.
/// </summary>
public sealed class AccountPrincipalFactory(IdentityDbContext db)
{
    public async Task<CurrentCaller> CreateAsync(Account account, CancellationToken cancellationToken)
    {
        IReadOnlySet<string> programmes = new HashSet<string>(StringComparer.Ordinal);
        IReadOnlySet<string> permissions = new HashSet<string>(StringComparer.Ordinal);
        var region = account.Region;
        if (account.PartnerId is { } partnerId)
        {
            var partner = await db.Partners.AsNoTracking().Include(p => p.Programmes)
                .SingleAsync(p => p.Id == partnerId, cancellationToken);
            programmes = partner.ActiveProgrammes.Select(p => SnakeCaseNames.Of(p)).ToHashSet(StringComparer.Ordinal);
            region ??= partner.Region;
            permissions = account.Kind == AccountKind.PartnerAdmin
                ? PermissionItems.All.ToHashSet(StringComparer.Ordinal)
                : await MemberPermissionsAsync(account.Id, cancellationToken);
        }

        return new CurrentCaller
        {
            IsAuthenticated = true,
            UserId = account.Id.ToString(),
            PartnerId = account.PartnerId?.ToString(),
            Programmes = programmes,
            Permissions = permissions,
            VendorRole = account.VendorRole is { } role ? SnakeCaseNames.Of(role) : null,
            CustomerId = account.CustomerId?.ToString(),
            Region = region,
        };
    }

    /// <summary>The union of the member's roles' permission items.</summary>
    private async Task<IReadOnlySet<string>> MemberPermissionsAsync(Guid accountId, CancellationToken cancellationToken)
    {
        var lists = await (
            from memberRole in db.MemberRoles
            join role in db.PartnerRoles on memberRole.RoleId equals role.Id
            where memberRole.AccountId == accountId
            select role.Permissions).ToListAsync(cancellationToken);
        return lists.SelectMany(p => p).ToHashSet(StringComparer.Ordinal);
    }
}

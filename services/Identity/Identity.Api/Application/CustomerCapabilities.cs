using Identity.Api.Data;
using Identity.Api.Domain;
using Microsoft.EntityFrameworkCore;
using PartnerPlatform.ServiceDefaults;

namespace Identity.Api.Application;

/// <summary>What a partner's account may do with one of the partner's customers right now.</summary>
public sealed class CustomerCapabilities(IdentityDbContext db, Disassociations disassociations, AccountManagers accountManagers)
{
    public sealed record Capabilities(
        bool CanDisassociate,
        IReadOnlyList<string> DisassociationBlockers,
        DateTimeOffset? CooldownEndsAt,
        bool CanRequestOrderAuthorisation,
        bool CanRequestShareAuthorisation,
        bool CanAssignAccountManager,
        bool CanHandleWarnings);

    public async Task<Capabilities> AssessAsync(CurrentCaller caller, Guid customerId, CancellationToken cancellationToken)
    {
        var association = await db.OwnedAssociationAsync(caller.GetPartnerGuid(), customerId, cancellationToken);
        var assessment = await disassociations.AssessAsync(customerId, cancellationToken);
        var pending = await db.AuthorisationRequests.AsNoTracking()
            .Where(r => r.CustomerId == customerId && r.PartnerId == association.PartnerId && r.Status == AuthorisationStatus.Pending)
            .Select(r => r.Purpose).ToListAsync(cancellationToken);
        var manage = caller.HasPermission(PermissionItems.CustomersManage);
        return new Capabilities(
            CanDisassociate: manage && assessment.Allowed,
            DisassociationBlockers: assessment.Blockers,
            CooldownEndsAt: assessment.CooldownEndsAt,
            CanRequestOrderAuthorisation: manage && association.Type == AssociationType.Reseller && !pending.Contains(AuthorisationPurpose.OrderOnBehalf),
            CanRequestShareAuthorisation: manage && !pending.Contains(AuthorisationPurpose.ShareWithVendor),
            CanAssignAccountManager: manage,
            CanHandleWarnings: await accountManagers.IsResponsibleOwnerAsync(association, caller.GetUserGuid(), cancellationToken));
    }
}

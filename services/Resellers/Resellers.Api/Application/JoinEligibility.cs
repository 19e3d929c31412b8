using Microsoft.EntityFrameworkCore;
using PartnerPlatform.ServiceDefaults;
using Resellers.Api.Data;
using Resellers.Api.Domain;

namespace Resellers.Api.Application;

/// <summary>Evaluates the join blockers of an account from the read model and the facts vendor staff recorded.</summary>
public sealed class JoinEligibility(ResellersDbContext db, TimeProvider timeProvider)
{
    /// <summary>
    /// Why <paramref name="reseller"/> may not join now; empty when it may. An association with
    /// <paramref name="distributor"/> itself does not block joining that distributor.
    /// </summary>
    public async Task<List<JoinBlockerReason>> BlockersAsync(Guid reseller, Guid? distributor, CancellationToken cancellationToken)
    {
        var now = timeProvider.Now();
        var blockers = new List<JoinBlockerReason>();
        var programmes = await db.KnownProgrammes.AsNoTracking().Where(p => p.PartnerId == reseller).ToListAsync(cancellationToken);
        if (programmes.Any(p => p.Programme == KnownProgramme.SolutionProvider && p.IsActive(now)))
        {
            blockers.Add(JoinBlockerReason.AlreadySolutionProvider);
        }

        var facts = await db.JoinFacts.AsNoTracking().SingleOrDefaultAsync(f => f.PartnerId == reseller, cancellationToken);
        var associated = facts?.IsAssociatedCustomer == true || await db.KnownCustomerAssociations.AnyAsync(
            a => a.CustomerId == reseller && a.DisassociatedAt == null && a.OwnerPartnerId != distributor,
            cancellationToken);
        if (associated)
        {
            blockers.Add(JoinBlockerReason.AssociatedCustomer);
        }

        if (facts is { HasArrears: true } or { HasCreditAccount: true })
        {
            blockers.Add(JoinBlockerReason.ArrearsOrCreditAccount);
        }

        if (facts is { IsFrozen: true })
        {
            blockers.Add(JoinBlockerReason.Frozen);
        }

        return blockers;
    }

    public async Task<bool> IsDistributorAsync(Guid partner, CancellationToken cancellationToken)
    {
        var now = timeProvider.Now();
        var programme = await db.KnownProgrammes.AsNoTracking()
            .SingleOrDefaultAsync(p => p.PartnerId == partner && p.Programme == KnownProgramme.Distributor, cancellationToken);
        return programme?.IsActive(now) == true;
    }

    public Task<bool> IsKnownPartnerAsync(Guid partner, CancellationToken cancellationToken) =>
        db.KnownPartners.AnyAsync(p => p.Id == partner, cancellationToken);

    /// <summary>The account's solution provider programme existed and has ended (quick join).</summary>
    public async Task<bool> IsExpiredSolutionProviderAsync(Guid partner, CancellationToken cancellationToken)
    {
        var now = timeProvider.Now();
        var programme = await db.KnownProgrammes.AsNoTracking()
            .SingleOrDefaultAsync(p => p.PartnerId == partner && p.Programme == KnownProgramme.SolutionProvider, cancellationToken);
        return programme is not null && programme.HasEnded(now);
    }
}

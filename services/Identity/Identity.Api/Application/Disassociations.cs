using Identity.Api.Data;
using Identity.Api.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PartnerPlatform.Contracts.Identity;
using PartnerPlatform.Messaging.Outbox;
using PartnerPlatform.ServiceDefaults;

namespace Identity.Api.Application;

/// <summary>
/// Ends associations at the partner's or the customer's request: one per customer every 3 months,
/// never while the customer has unpaid partner-paid orders, arrears, a manual freeze or valid
/// reserved resources.
/// </summary>
public sealed class Disassociations(IdentityDbContext db, IOutbox outbox, IOptions<IdentityOptions> options, TimeProvider timeProvider)
{
    public const string UnpaidPartnerOrders = "unpaid_partner_orders";
    public const string Arrears = "arrears";
    public const string ManualFreeze = "manual_freeze";
    public const string ReservedResources = "reserved_resources";

    public sealed record Assessment(IReadOnlyList<string> Blockers, DateTimeOffset? CooldownEndsAt)
    {
        public bool Allowed => Blockers.Count == 0 && CooldownEndsAt is null;
    }

    /// <summary>What stands in the way of disassociating the customer now.</summary>
    public async Task<Assessment> AssessAsync(Guid customerId, CancellationToken cancellationToken)
    {
        var now = timeProvider.Now();
        var facts = await db.CustomerAccountFacts.AsNoTracking().SingleOrDefaultAsync(f => f.CustomerId == customerId, cancellationToken);
        var blockers = new List<string>();
        if (facts is not null)
        {
            if (facts.UnpaidPartnerOrders)
            {
                blockers.Add(UnpaidPartnerOrders);
            }

            if (facts.ArrearsAmount > 0)
            {
                blockers.Add(Arrears);
            }

            if (facts.ManualFreeze)
            {
                blockers.Add(ManualFreeze);
            }

            if (facts.ReservedResourcesUntil > now)
            {
                blockers.Add(ReservedResources);
            }
        }

        var last = await db.DisassociationRequests.AsNoTracking().Where(r => r.CustomerId == customerId)
            .OrderByDescending(r => r.RequestedAt).Select(r => (DateTimeOffset?)r.RequestedAt).FirstOrDefaultAsync(cancellationToken);
        var cooldownEnds = last?.AddMonths(options.Value.DisassociationCooldownMonths);
        return new Assessment(blockers, cooldownEnds > now ? cooldownEnds : null);
    }

    public async Task DisassociateAsync(Association association, DisassociationRequester requester, Guid requestedBy, CancellationToken cancellationToken)
    {
        // One disassociation of a customer at a time, so the cooldown cannot be raced.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtext('disassociation:' || {association.CustomerId.ToString()}))", cancellationToken);
        var assessment = await AssessAsync(association.CustomerId, cancellationToken);
        if (assessment.CooldownEndsAt is { } ends)
        {
            throw new ApiException(IdentityErrors.DisassociationCooldown,
                $"The customer's last disassociation was less than {options.Value.DisassociationCooldownMonths} months ago; the next is possible from {ends:yyyy-MM-dd}.");
        }

        if (assessment.Blockers.Count > 0)
        {
            throw new ApiException(IdentityErrors.DisassociationBlocked, null,
                new Dictionary<string, string[]> { ["blockers"] = [.. assessment.Blockers] });
        }

        var now = timeProvider.Now();
        association.EndedAt = now;
        association.EndedBy = requester;
        db.DisassociationRequests.Add(new DisassociationRequest
        {
            Id = Guid.CreateVersion7(now),
            CustomerId = association.CustomerId,
            PartnerId = association.PartnerId,
            RequestedBy = requester,
            RequestedByAccount = requestedBy,
            RequestedAt = now,
        });
        var associated = Associations.ToEvent(association, now);
        outbox.Add(new CustomerDisassociated(
            associated.PartnerId, association.CustomerId, associated.IndirectPartnerId, SnakeCaseNames.Of(requester), now));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>The partner ends its association with one of its customers.</summary>
    public async Task DisassociateByPartnerAsync(Guid partnerId, Guid customerId, Guid requestedBy, CancellationToken cancellationToken) =>
        await DisassociateAsync(await db.OwnedAssociationAsync(partnerId, customerId, cancellationToken), DisassociationRequester.Partner, requestedBy, cancellationToken);

    /// <summary>The customer leaves its partner.</summary>
    public async Task DisassociateByCustomerAsync(Guid customerId, Guid requestedBy, CancellationToken cancellationToken) =>
        await DisassociateAsync(await db.OpenAssociationAsync(customerId, cancellationToken), DisassociationRequester.Customer, requestedBy, cancellationToken);
}

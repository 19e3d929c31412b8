using Incentives.Api.Data;
using Incentives.Api.Domain;
using Microsoft.EntityFrameworkCore;
using PartnerPlatform.Contracts.Incentives;
using PartnerPlatform.Messaging.Outbox;
using PartnerPlatform.ServiceDefaults;
using PartnerPlatform.WorkingDays;

namespace Incentives.Api.Application;

/// <summary>
/// Capability incentive kinds with effective-dated region scopes (seed: a partial table, so kinds and scopes
/// are data). A scope change is a new row from its effective date, kept with who made it, and announced to
/// the partner's PDM by <see cref="CapabilityIncentiveScopeChanged"/>. A claim is checked against the scope in
/// force on the day it is made.
/// </summary>
public sealed class CapabilityIncentives(IncentivesDbContext db, IOutbox outbox, TimeProvider time, IWorkingDayCalendar calendar)
{
    /// <summary>
    /// A scope change for a kind from a date. Repeating the change in force for that date (a retried or racing
    /// PUT) answers the row already written: changes of one kind are taken one at a time under a lock, so
    /// identical requests make one row and one event.
    /// </summary>
    public async Task<CapabilityIncentiveScope> ChangeScopeAsync(
        string kind, RegionScope scope, DateOnly effectiveFrom, string changedBy, Guid? changedById, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtext('capability-incentive-scope:' || {kind}))", cancellationToken);
        var latest = await db.CapabilityIncentiveScopes
            .Where(s => s.IncentiveKind == kind && s.EffectiveFrom == effectiveFrom)
            .OrderByDescending(s => s.Id)
            .FirstOrDefaultAsync(cancellationToken);
        if (latest is not null && latest.RegionScope == scope)
        {
            return latest;
        }

        var now = time.Now();
        var row = new CapabilityIncentiveScope
        {
            IncentiveKind = kind,
            RegionScope = scope,
            EffectiveFrom = effectiveFrom,
            ChangedBy = changedBy,
            ChangedAt = now,
        };
        db.CapabilityIncentiveScopes.Add(row);
        outbox.Add(new CapabilityIncentiveScopeChanged(kind, SnakeCaseEnum.Name(scope), effectiveFrom, changedById ?? Guid.Empty, now));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return row;
    }

    /// <summary>Every scope row, newest first per kind: the full history of who changed what.</summary>
    public Task<List<CapabilityIncentiveScope>> HistoryAsync(CancellationToken cancellationToken) =>
        db.CapabilityIncentiveScopes.OrderBy(s => s.IncentiveKind).ThenByDescending(s => s.EffectiveFrom).ThenByDescending(s => s.Id)
            .ToListAsync(cancellationToken);

    public async Task<CapabilityIncentiveClaim> ClaimAsync(
        Guid partnerId, string kind, RegionScope region, decimal amount, string currency, CancellationToken cancellationToken)
    {
        Money.RequireCents(amount, "amount");
        if (region == RegionScope.Global)
        {
            throw FieldValidation.Invalid("region", "A claim names the region of the work: china or overseas.");
        }

        var now = time.Now();
        var today = calendar.LocalDate(now);
        var scope = await db.CapabilityIncentiveScopes
            .Where(s => s.IncentiveKind == kind && s.EffectiveFrom <= today)
            .OrderByDescending(s => s.EffectiveFrom).ThenByDescending(s => s.Id)
            .FirstOrDefaultAsync(cancellationToken)
            ?? throw new ApiException(IncentivesErrors.UnknownIncentiveKind);
        if (!scope.Covers(region))
        {
            throw new ApiException(IncentivesErrors.ClaimOutsideRegionScope,
                $"{kind} covers {SnakeCaseEnum.Name(scope.RegionScope)} since {scope.EffectiveFrom:yyyy-MM-dd}; the claim is for {SnakeCaseEnum.Name(region)}.");
        }

        var claim = new CapabilityIncentiveClaim
        {
            Id = Guid.CreateVersion7(now),
            PartnerId = partnerId,
            IncentiveKind = kind,
            Region = region,
            Amount = amount,
            Currency = currency,
            ScopeId = scope.Id,
            ClaimedAt = now,
        };
        db.CapabilityIncentiveClaims.Add(claim);
        await db.SaveChangesAsync(cancellationToken);
        return claim;
    }

    public async Task<CapabilityIncentiveClaim> GetClaimAsync(Guid partnerId, Guid claimId, CancellationToken cancellationToken) =>
        await db.CapabilityIncentiveClaims.SingleOrDefaultAsync(c => c.Id == claimId && c.PartnerId == partnerId, cancellationToken)
        ?? throw ApiException.NotFound();
}

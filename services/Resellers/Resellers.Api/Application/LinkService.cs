using Microsoft.EntityFrameworkCore;
using PartnerPlatform.Messaging.Outbox;
using PartnerPlatform.ServiceDefaults;
using Resellers.Api.Data;
using Resellers.Api.Domain;
using Resellers.Api.Infrastructure;

namespace Resellers.Api.Application;

/// <summary>
/// Creates links and moves them along the state machine. Every change and its event commit in one
/// transaction (the outbox); a transition locks the link row first, so of two concurrent requests
/// the second sees the first one's outcome.
/// </summary>
public sealed class LinkService(ResellersDbContext db, IOutbox outbox, JoinEligibility eligibility, TimeProvider timeProvider)
{
    public async Task<ResellerLink> ApplyAsync(Guid reseller, Guid distributor, bool quickJoin, Guid by, CancellationToken cancellationToken)
    {
        if (reseller == distributor)
        {
            throw new ApiException(ResellerErrors.SelfLink);
        }

        if (!await eligibility.IsDistributorAsync(distributor, cancellationToken))
        {
            throw new ApiException(
                ResellerErrors.NotADistributor,
                null,
                new Dictionary<string, string[]> { ["distributor_partner_id"] = [ResellerErrors.NotADistributor.Message] });
        }

        if (quickJoin && !await eligibility.IsExpiredSolutionProviderAsync(reseller, cancellationToken))
        {
            throw new ApiException(ResellerErrors.QuickJoinNotAllowed);
        }

        JoinBlockers.ThrowIfAny(await eligibility.BlockersAsync(reseller, distributor, cancellationToken));
        var link = ResellerLink.Apply(distributor, reseller, quickJoin, by, timeProvider.Now());
        outbox.Add(new PartnerPlatform.Contracts.Resellers.ResellerApplied(
            link.Id, distributor, reseller, Names.Snake(link.Origin), link.CreatedAt));
        await InsertAsync(link, cancellationToken);
        return link;
    }

    public async Task<ResellerLink> InviteAsync(Guid distributor, Guid reseller, Guid by, CancellationToken cancellationToken)
    {
        if (reseller == distributor)
        {
            throw new ApiException(ResellerErrors.SelfLink);
        }

        if (!await eligibility.IsKnownPartnerAsync(reseller, cancellationToken))
        {
            throw new ApiException(
                ResellerErrors.UnknownPartner,
                null,
                new Dictionary<string, string[]> { ["reseller_partner_id"] = [ResellerErrors.UnknownPartner.Message] });
        }

        JoinBlockers.ThrowIfAny(await eligibility.BlockersAsync(reseller, distributor, cancellationToken));
        var link = ResellerLink.Invite(distributor, reseller, by, timeProvider.Now());
        await InsertAsync(link, cancellationToken);
        return link;
    }

    /// <summary>
    /// Performs <paramref name="action"/> on the link for <paramref name="caller"/>. A link the caller
    /// may not act on in that role is 404 CBC.0156; an illegal transition 409 CBC.0150.
    /// </summary>
    public async Task<ResellerLink> PerformAsync(
        Guid linkId, LinkAction action, CurrentCaller caller, string? reason, string? ifMatch, CancellationToken cancellationToken)
    {
        var now = timeProvider.Now();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Database.ExecuteSqlInterpolatedAsync($"SELECT 1 FROM reseller_links WHERE id = {linkId} FOR UPDATE", cancellationToken);
        var link = await db.Links.SingleOrDefaultAsync(l => l.Id == linkId, cancellationToken);
        if (link is null || !MayAct(caller, action, link))
        {
            throw ApiException.NotFound();
        }

        if (ifMatch is not null && !ETagMatches(ifMatch, link.Version))
        {
            throw new ApiException(ErrorCodes.PreconditionFailed);
        }

        if (action == LinkAction.Accept && link.InvitationExpired(now))
        {
            link.ExpireInvitation(now);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            throw new ApiException(ResellerErrors.InvitationExpired);
        }

        var target = LinkTransitions.Target(link.State, action);
        if (target == LinkState.Active && link.State != LinkState.Suspended)
        {
            JoinBlockers.ThrowIfAny(await eligibility.BlockersAsync(link.ResellerPartnerId, link.DistributorPartnerId, cancellationToken));
        }

        if (link.Perform(action, reason, caller.UserGuid(), now) is { } @event)
        {
            outbox.Add(@event);
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return link;
    }

    /// <summary>Distributor-side approve or reject of many applications; each one succeeds or fails on its own.</summary>
    public async Task<BatchOutcome> ReviewAsync(
        IReadOnlyList<Guid> linkIds, LinkAction action, CurrentCaller caller, string? reason, CancellationToken cancellationToken)
    {
        var succeeded = new List<Guid>();
        var failed = new List<BatchError>();
        foreach (var id in linkIds.Distinct())
        {
            try
            {
                await PerformAsync(id, action, caller, reason, null, cancellationToken);
                succeeded.Add(id);
            }
            catch (ApiException ex)
            {
                db.ChangeTracker.Clear();
                failed.Add(new BatchError(id, ex.Error.Code, ex.Message));
            }
        }

        return new BatchOutcome(succeeded, failed);
    }

    /// <summary>Whether the caller plays a role the action allows on this link.</summary>
    public static bool MayAct(CurrentCaller caller, LinkAction action, ResellerLink link)
    {
        var actors = LinkTransitions.ActorsOf(action);
        if (actors.HasFlag(LinkActor.Vendor) && caller.IsVendorStaff())
        {
            return true;
        }

        var partner = caller.PartnerGuidOrNull();
        return partner is not null
            && ((actors.HasFlag(LinkActor.Distributor) && link.DistributorPartnerId == partner)
                || (actors.HasFlag(LinkActor.Reseller) && link.ResellerPartnerId == partner));
    }

    private static bool ETagMatches(string ifMatch, uint version)
    {
        var current = ETags.FromVersion(version);
        return ifMatch.Split(',').Select(t => t.Trim()).Any(t => t == "*" || t == current);
    }

    private async Task InsertAsync(ResellerLink link, CancellationToken cancellationToken)
    {
        var now = timeProvider.Now();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);

        // An invitation past its deadline no longer holds the reseller, even before the sweeper ran.
        await db.Links
            .Where(l => l.ResellerPartnerId == link.ResellerPartnerId && l.State == LinkState.Invited && l.InvitationExpiresAt <= now)
            .ExecuteUpdateAsync(
                set => set
                    .SetProperty(l => l.State, LinkState.Rejected)
                    .SetProperty(l => l.Reason, ResellerLink.ExpiredInvitationReason)
                    .SetProperty(l => l.EndedAt, now)
                    .SetProperty(l => l.UpdatedAt, now),
                cancellationToken);
        db.Links.Add(link);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.IsUniqueViolation(ResellersDbContext.OneHoldingLinkPerReseller))
        {
            db.ChangeTracker.Clear();
            throw new ApiException(ResellerErrors.ResellerAlreadyHeld);
        }

        await transaction.CommitAsync(cancellationToken);
    }
}

public sealed record BatchError(Guid Id, string ErrorCode, string ErrorMsg);

public sealed record BatchOutcome(IReadOnlyList<Guid> Succeeded, IReadOnlyList<BatchError> ErrorDetails);

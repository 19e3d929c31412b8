using Microsoft.EntityFrameworkCore;
using PartnerPlatform.Messaging.Outbox;
using PartnerPlatform.ServiceDefaults;
using Resellers.Api.Data;
using Resellers.Api.Domain;

namespace Resellers.Api.Application;

public sealed record ApplyRequest(Guid DistributorPartnerId);

public sealed record InviteRequest(Guid ResellerPartnerId);

/// <summary><c>reason</c>: optional, at most 500 characters; required to revoke.</summary>
public sealed record TransitionRequest(string? Reason = null);

/// <summary><c>decision</c>: <c>approve</c> or <c>reject</c>; at most 100 link ids.</summary>
public sealed record ReviewRequest(IReadOnlyList<Guid> LinkIds, string Decision, string? Reason = null);

/// <summary>Links with the company names of both sides (those identity-api announced).</summary>
public sealed record NamedLinks(IReadOnlyList<ResellerLink> Links, IReadOnlyDictionary<Guid, string> Names);

/// <summary>
/// Creates links and moves them along the state machine. Every change and its event commit in one
/// transaction (the outbox); a transition locks the link row first, so of two concurrent requests
/// the second sees the first one's outcome.
/// </summary>
public sealed class LinkService(ResellersDbContext db, IOutbox outbox, JoinEligibility eligibility, TimeProvider timeProvider)
{
    public const int MaxBatch = 100;
    public const int MaxReasonLength = 500;

    /// <summary>The caller applies to the distribution plan naming a distributor, or quick-joins as an expired solution provider.</summary>
    public Task<ResellerLink> ApplyAsync(CurrentCaller caller, ApplyRequest request, bool quickJoin, CancellationToken cancellationToken)
    {
        ResellerValidation.RequireId("distributor_partner_id", request.DistributorPartnerId);
        return ApplyAsync(caller.GetPartnerGuid(), request.DistributorPartnerId, quickJoin, caller.GetUserGuid(), cancellationToken);
    }

    /// <summary>The calling distributor invites an account.</summary>
    public Task<ResellerLink> InviteAsync(CurrentCaller caller, InviteRequest request, CancellationToken cancellationToken)
    {
        ResellerValidation.RequireId("reseller_partner_id", request.ResellerPartnerId);
        return InviteAsync(caller.GetPartnerGuid(), request.ResellerPartnerId, caller.GetUserGuid(), cancellationToken);
    }

    /// <summary><paramref name="action"/> on a link with the request's reason and If-Match (optional here).</summary>
    public Task<ResellerLink> PerformAsync(
        CurrentCaller caller, LinkAction action, Guid linkId, TransitionRequest? request, string? ifMatch, CancellationToken cancellationToken)
    {
        var validation = new FieldValidation();
        var reason = action == LinkAction.Revoke
            ? validation.RequiredText(request?.Reason, "reason", MaxReasonLength)
            : validation.Text(request?.Reason, "reason", MaxReasonLength);
        validation.ThrowIfAny();
        return PerformAsync(linkId, action, caller, reason, ifMatch, cancellationToken);
    }

    /// <summary>The distributor approves or rejects up to <see cref="MaxBatch"/> vendor-approved applications.</summary>
    public Task<BatchOutcome> ReviewAsync(CurrentCaller caller, ReviewRequest request, CancellationToken cancellationToken)
    {
        var validation = new FieldValidation();
        var action = request.Decision switch
        {
            "approve" => LinkAction.Approve,
            "reject" => LinkAction.Reject,
            _ => (LinkAction?)null,
        };
        if (action is null)
        {
            validation.Add("decision", "decision must be 'approve' or 'reject'.");
        }

        var reason = validation.Text(request.Reason, "reason", MaxReasonLength);
        if (request.LinkIds.Count > MaxBatch)
        {
            throw new ApiException(
                ErrorCodes.ParameterOutOfRange,
                $"At most {MaxBatch} link ids per request.",
                new Dictionary<string, string[]> { ["link_ids"] = [$"At most {MaxBatch} link ids."] });
        }

        if (request.LinkIds.Count == 0)
        {
            validation.Add("link_ids", "At least one link id is required.");
        }

        validation.ThrowIfAny();
        _ = caller.GetPartnerGuid();
        return ReviewAsync(request.LinkIds, action!.Value, caller, reason, cancellationToken);
    }

    /// <summary>Links the caller is part of (<paramref name="role"/>: distributor or reseller); vendor staff see all.</summary>
    public async Task<(long Total, NamedLinks Items)> ListAsync(
        CurrentCaller caller, PageRequest page, string? state, string? role, CancellationToken cancellationToken)
    {
        var query = db.Links.AsNoTracking();
        if (!caller.HasVendorRole(VendorRoles.VendorStaff))
        {
            var partner = caller.GetPartnerGuid();
            query = role switch
            {
                null => query.Where(l => l.DistributorPartnerId == partner || l.ResellerPartnerId == partner),
                "distributor" => query.Where(l => l.DistributorPartnerId == partner),
                "reseller" => query.Where(l => l.ResellerPartnerId == partner),
                _ => throw FieldValidation.Invalid("role", "role must be 'distributor' or 'reseller'."),
            };
        }

        if (state is not null)
        {
            var parsed = Enum.GetValues<LinkState>().Where(s => Names.Snake(s) == state).Select(s => (LinkState?)s).FirstOrDefault()
                ?? throw FieldValidation.Invalid("state", "Unknown state.");
            query = query.Where(l => l.State == parsed);
        }

        var total = await query.LongCountAsync(cancellationToken);
        var links = await query.OrderByDescending(l => l.CreatedAt).ThenBy(l => l.Id).Page(page).ToListAsync(cancellationToken);
        var names = await db.PartnerNamesAsync(links.SelectMany(l => new[] { l.DistributorPartnerId, l.ResellerPartnerId }), cancellationToken);
        return (total, new NamedLinks(links, names));
    }

    /// <summary>A link for one of its sides or vendor staff; anything else is 404 CBC.0156.</summary>
    public async Task<ResellerLink> GetAsync(CurrentCaller caller, Guid linkId, CancellationToken cancellationToken)
    {
        var link = await db.Links.AsNoTracking().SingleOrDefaultAsync(l => l.Id == linkId, cancellationToken);
        var partner = caller.PartnerGuidOrNull;
        return link is not null && (caller.HasVendorRole(VendorRoles.VendorStaff) || link.DistributorPartnerId == partner || link.ResellerPartnerId == partner)
            ? link
            : throw ApiException.NotFound();
    }

    /// <summary><paramref name="link"/> with the names of its two sides.</summary>
    public async Task<NamedLinks> NamedAsync(ResellerLink link, CancellationToken cancellationToken) =>
        new([link], await db.PartnerNamesAsync([link.DistributorPartnerId, link.ResellerPartnerId], cancellationToken));

    public async Task<ResellerLink> ApplyAsync(Guid reseller, Guid distributor, bool quickJoin, Guid by, CancellationToken cancellationToken)
    {
        if (reseller == distributor)
        {
            throw new ApiException(ResellersErrors.SelfLink);
        }

        if (!await eligibility.IsDistributorAsync(distributor, cancellationToken))
        {
            throw new ApiException(
                ResellersErrors.NotADistributor,
                null,
                new Dictionary<string, string[]> { ["distributor_partner_id"] = [ResellersErrors.NotADistributor.Message] });
        }

        if (quickJoin && !await eligibility.IsExpiredSolutionProviderAsync(reseller, cancellationToken))
        {
            throw new ApiException(ResellersErrors.QuickJoinNotAllowed);
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
            throw new ApiException(ResellersErrors.SelfLink);
        }

        if (!await eligibility.IsKnownPartnerAsync(reseller, cancellationToken))
        {
            throw new ApiException(
                ResellersErrors.UnknownPartner,
                null,
                new Dictionary<string, string[]> { ["reseller_partner_id"] = [ResellersErrors.UnknownPartner.Message] });
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
            throw new ApiException(ResellersErrors.InvitationExpired);
        }

        var target = LinkTransitions.Target(link.State, action);
        if (target == LinkState.Active && link.State != LinkState.Suspended)
        {
            JoinBlockers.ThrowIfAny(await eligibility.BlockersAsync(link.ResellerPartnerId, link.DistributorPartnerId, cancellationToken));
        }

        if (link.Perform(action, reason, caller.GetUserGuid(), now) is { } @event)
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
        if (actors.HasFlag(LinkActor.Vendor) && caller.HasVendorRole(VendorRoles.VendorStaff))
        {
            return true;
        }

        var partner = caller.PartnerGuidOrNull;
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
            throw new ApiException(ResellersErrors.ResellerAlreadyHeld);
        }

        await transaction.CommitAsync(cancellationToken);
    }
}

public sealed record BatchError(Guid Id, string ErrorCode, string ErrorMsg);

public sealed record BatchOutcome(IReadOnlyList<Guid> Succeeded, IReadOnlyList<BatchError> ErrorDetails);

using PartnerPlatform.Contracts.Resellers;
using PartnerPlatform.ServiceDefaults;

namespace Resellers.Api.Domain;

/// <summary>
/// One distributor ↔ reseller relationship from application or invitation to its end. A reseller
/// has at most one link in a <see cref="LinkTransitions.Holding"/> state.
/// </summary>
public sealed class ResellerLink
{
    public static readonly TimeSpan InvitationLifetime = TimeSpan.FromDays(7);

    public Guid Id { get; init; }

    public Guid DistributorPartnerId { get; init; }

    public Guid ResellerPartnerId { get; init; }

    public LinkOrigin Origin { get; init; }

    public LinkState State { get; private set; }

    public DateTimeOffset CreatedAt { get; init; }

    public Guid CreatedBy { get; init; }

    public DateTimeOffset? InvitationExpiresAt { get; init; }

    public DateTimeOffset? VendorReviewedAt { get; private set; }

    /// <summary>When the link first became active (the seed's <c>associated_on</c>).</summary>
    public DateTimeOffset? ActivatedAt { get; private set; }

    public DateTimeOffset? EndedAt { get; private set; }

    /// <summary>Why it was rejected, suspended or revoked.</summary>
    public string? Reason { get; private set; }

    public Guid? AccountManagerMemberId { get; private set; }

    public DateTimeOffset? AccountManagerAssignedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public Guid? UpdatedBy { get; private set; }

    /// <summary>PostgreSQL <c>xmin</c>: the ETag.</summary>
    public uint Version { get; private set; }

    public static ResellerLink Apply(Guid distributor, Guid reseller, bool quickJoin, Guid by, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        DistributorPartnerId = distributor,
        ResellerPartnerId = reseller,
        Origin = quickJoin ? LinkOrigin.QuickJoin : LinkOrigin.Application,
        State = quickJoin ? LinkState.VendorApproved : LinkState.Applied,
        CreatedAt = now,
        CreatedBy = by,
        UpdatedAt = now,
        UpdatedBy = by,
    };

    public static ResellerLink Invite(Guid distributor, Guid reseller, Guid by, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        DistributorPartnerId = distributor,
        ResellerPartnerId = reseller,
        Origin = LinkOrigin.Invitation,
        State = LinkState.Invited,
        InvitationExpiresAt = now + InvitationLifetime,
        CreatedAt = now,
        CreatedBy = by,
        UpdatedAt = now,
        UpdatedBy = by,
    };

    public bool InvitationExpired(DateTimeOffset now) => State == LinkState.Invited && InvitationExpiresAt <= now;

    /// <summary>
    /// Moves the link along the state machine and returns the event to publish, if any. An illegal
    /// pair of state and action throws 409 CBC.0150; an expired invitation 409 CBC.600007.
    /// </summary>
    public object? Perform(LinkAction action, string? reason, Guid by, DateTimeOffset now)
    {
        if (action == LinkAction.Accept && InvitationExpired(now))
        {
            throw new ApiException(ResellersErrors.InvitationExpired);
        }

        var target = LinkTransitions.Target(State, action)
            ?? throw ApiException.IllegalState(
                $"A link in state '{Names.Snake(State)}' cannot be {Past(action)} ('{LinkTransitions.RouteName(action)}').");
        var from = State;
        State = target;
        UpdatedAt = now;
        UpdatedBy = by;
        if (action is LinkAction.VendorApprove or LinkAction.VendorReject)
        {
            VendorReviewedAt = now;
        }

        if (target is LinkState.Rejected or LinkState.Suspended or LinkState.Revoked)
        {
            Reason = reason;
        }

        if (target is LinkState.Rejected or LinkState.Revoked)
        {
            EndedAt = now;
        }

        return (from, target) switch
        {
            (LinkState.VendorApproved or LinkState.Invited, LinkState.Active) => Activated(now),
            (LinkState.Suspended, LinkState.Active) => Reinstated(now),
            (_, LinkState.Suspended) => new ResellerSuspended(Id, DistributorPartnerId, ResellerPartnerId, now),
            (_, LinkState.Revoked) => new ResellerUnlinked(Id, DistributorPartnerId, ResellerPartnerId, reason ?? "", now),
            _ => null,
        };
    }

    /// <summary>Expires a pending invitation (the sweeper and acceptance after the deadline).</summary>
    public void ExpireInvitation(DateTimeOffset now)
    {
        State = LinkState.Rejected;
        Reason = ExpiredInvitationReason;
        EndedAt = now;
        UpdatedAt = now;
        UpdatedBy = null;
    }

    public const string ExpiredInvitationReason = "invitation_expired";

    /// <summary>Makes <paramref name="memberId"/> the account manager; returns the previous one.</summary>
    public Guid? AssignAccountManager(Guid memberId, Guid by, DateTimeOffset now)
    {
        if (State != LinkState.Active)
        {
            throw ApiException.IllegalState(
                $"An account manager can only be assigned to an active link; this one is '{Names.Snake(State)}'.");
        }

        var previous = AccountManagerMemberId;
        AccountManagerMemberId = memberId;
        AccountManagerAssignedAt = now;
        UpdatedAt = now;
        UpdatedBy = by;
        return previous;
    }

    private ResellerLinked Activated(DateTimeOffset now)
    {
        ActivatedAt = now;
        Reason = null;
        return new ResellerLinked(Id, DistributorPartnerId, ResellerPartnerId, now);
    }

    private ResellerReinstated Reinstated(DateTimeOffset now)
    {
        Reason = null;
        return new ResellerReinstated(Id, DistributorPartnerId, ResellerPartnerId, now);
    }

    private static string Past(LinkAction action) => action switch
    {
        LinkAction.VendorApprove => "approved by vendor staff",
        LinkAction.VendorReject => "rejected by vendor staff",
        LinkAction.Approve => "approved",
        LinkAction.Reject => "rejected",
        LinkAction.Accept => "accepted",
        LinkAction.Decline => "declined",
        LinkAction.Suspend => "suspended",
        LinkAction.Reinstate => "reinstated",
        LinkAction.Revoke => "revoked",
        _ => action.ToString(),
    };
}

/// <summary>One period of a reseller's account manager (history is kept).</summary>
public sealed class AccountManagerAssignment
{
    public Guid Id { get; init; }

    public Guid LinkId { get; init; }

    public Guid DistributorPartnerId { get; init; }

    public Guid ResellerPartnerId { get; init; }

    public Guid MemberId { get; init; }

    public Guid AssignedBy { get; init; }

    public DateTimeOffset AssignedAt { get; init; }

    public DateTimeOffset? EndedAt { get; set; }
}

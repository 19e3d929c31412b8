namespace Identity.Api.Domain;

/// <summary>A role a partner's main account defines: a named set of permission items.</summary>
public sealed class PartnerRole
{
    public Guid Id { get; init; }

    public Guid PartnerId { get; init; }

    public required string Name { get; set; }

    public List<string> Permissions { get; set; } = [];

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>A member holds a role.</summary>
public sealed class MemberRole
{
    public Guid AccountId { get; init; }

    public Guid RoleId { get; init; }
}

/// <summary>An invitation to bind a personal account to the partner (to share its certificates): 7 days.</summary>
public sealed class MemberInvitation
{
    public Guid Id { get; init; }

    public Guid PartnerId { get; init; }

    public Guid InvitedBy { get; init; }

    public MemberInvitationChannel Channel { get; init; }

    /// <summary>Normalized (lower-case email or the mobile number).</summary>
    public required string Address { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset ExpiresAt { get; init; }

    public DateTimeOffset? AcceptedAt { get; set; }

    public Guid? AcceptedBy { get; set; }

    public uint Version { get; set; }

    public MemberInvitationStatus StatusAt(DateTimeOffset now) =>
        AcceptedAt is not null ? MemberInvitationStatus.Accepted : ExpiresAt <= now ? MemberInvitationStatus.Expired : MemberInvitationStatus.Pending;
}

public enum MemberInvitationChannel
{
    Email,
    Mobile,
}

public enum MemberInvitationStatus
{
    Pending,
    Accepted,
    Expired,
}

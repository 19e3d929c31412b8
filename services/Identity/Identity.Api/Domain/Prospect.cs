namespace Identity.Api.Domain;

/// <summary>
/// A customer a partner pre-registered (报备) before inviting it: protected against other partners
/// until <see cref="ProtectedUntil"/>.
/// </summary>
public sealed class Prospect
{
    public Guid Id { get; init; }

    public Guid PartnerId { get; init; }

    public required string CompanyName { get; init; }

    public required string ContactName { get; init; }

    public string? MobilePhone { get; init; }

    /// <summary>The existing customer account the mobile number names, chosen by the partner when several carry it (ADR 0041).</summary>
    public string? AccountName { get; init; }

    /// <summary>Lower-case; may be added later (an online invitation needs it).</summary>
    public string? Email { get; set; }

    /// <summary>The association the partner intends (referral by default).</summary>
    public AssociationType AssociationType { get; init; }

    public ProspectStatus Status { get; set; }

    public DateTimeOffset ProtectedUntil { get; init; }

    /// <summary>The customer that accepted the partner's invitation.</summary>
    public Guid? CustomerId { get; set; }

    public DateTimeOffset CreatedAt { get; init; }

    public Guid CreatedBy { get; init; }

    public DateTimeOffset UpdatedAt { get; set; }

    public uint Version { get; set; }

    /// <summary>Pending (registered or invited) and still protected.</summary>
    public bool IsPending(DateTimeOffset now) => Status is ProspectStatus.Registered or ProspectStatus.Invited && ProtectedUntil > now;

    /// <summary>The status as clients see it: a lapsed protection reads <c>expired</c>.</summary>
    public ProspectStatus EffectiveStatus(DateTimeOffset now) =>
        Status is ProspectStatus.Registered or ProspectStatus.Invited && ProtectedUntil <= now ? ProspectStatus.Expired : Status;
}

public enum ProspectStatus
{
    Registered,
    Invited,
    Associated,
    Expired,
}

/// <summary>
/// One identifying fact of a protected prospect (<c>mobile:…</c>, <c>email:…</c>, <c>company:…</c>).
/// The primary key lets exactly one partner hold a fact while its protection lasts.
/// </summary>
public sealed class ProspectClaim
{
    public required string ClaimKey { get; init; }

    public Guid PartnerId { get; init; }

    public Guid ProspectId { get; init; }

    public DateTimeOffset ProtectedUntil { get; init; }
}

/// <summary>An invitation to associate with a partner: online (by email, 7 days, single use) or offline (link/QR code, no expiry).</summary>
public sealed class CustomerInvitation
{
    public Guid Id { get; init; }

    public Guid PartnerId { get; init; }

    public CustomerInvitationKind Kind { get; init; }

    /// <summary>The pre-registration an online invitation was sent for.</summary>
    public Guid? ProspectId { get; init; }

    public AssociationType AssociationType { get; init; }

    /// <summary>The inviting member, carried as the tag of the association.</summary>
    public Guid InvitedBy { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset? ExpiresAt { get; init; }

    public DateTimeOffset? UsedAt { get; set; }

    public Guid? UsedByCustomerId { get; set; }

    public uint Version { get; set; }
}

public enum CustomerInvitationKind
{
    Online,
    Offline,
}

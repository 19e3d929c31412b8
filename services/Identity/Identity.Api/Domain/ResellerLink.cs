namespace Identity.Api.Domain;

/// <summary>
/// What identity-api knows of a distributor ↔ reseller link, from resellers-api's events. Only an
/// active link lets the distributor act for the reseller (<c>indirect_partner_id</c>).
/// </summary>
public sealed class ResellerLink
{
    public Guid LinkId { get; init; }

    public Guid DistributorId { get; init; }

    public Guid ResellerId { get; init; }

    public ResellerLinkStatus Status { get; set; }

    /// <summary>When the event that set <see cref="Status"/> happened; older events arriving late are ignored.</summary>
    public DateTimeOffset ChangedAt { get; set; }
}

public enum ResellerLinkStatus
{
    Active,
    Suspended,
    Unlinked,
}

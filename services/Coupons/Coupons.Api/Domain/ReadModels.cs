namespace Coupons.Api.Domain;

/// <summary>
/// Local copy of a customer's association, kept from identity-api's events. A customer has at most
/// one partner at a time; <see cref="OwnerPartnerId"/> is <c>IndirectPartnerId ?? PartnerId</c>.
/// Events older than <see cref="LastEventAt"/> are ignored.
/// </summary>
public sealed class CustomerAssociation
{
    public const string Reseller = "reseller";
    public const string Referral = "referral";

    public Guid CustomerId { get; init; }

    public Guid PartnerId { get; set; }

    public Guid? IndirectPartnerId { get; set; }

    public Guid OwnerPartnerId { get; set; }

    public required string AssociationType { get; set; }

    public bool Active { get; set; }

    public DateTimeOffset LastEventAt { get; set; }
}

/// <summary>Local copy of a distributor ↔ reseller link, kept from resellers-api's events.</summary>
public sealed class ResellerLink
{
    public const string Active = "active";
    public const string Suspended = "suspended";
    public const string Revoked = "revoked";

    public Guid LinkId { get; init; }

    public Guid DistributorPartnerId { get; set; }

    public Guid ResellerPartnerId { get; set; }

    public required string Status { get; set; }

    public DateTimeOffset LastEventAt { get; set; }
}

/// <summary>Local copy of a partner's programme membership, kept from identity-api's events.</summary>
public sealed class PartnerProgramme
{
    public const string SolutionProvider = "solution_provider";
    public const string Distributor = "distributor";
    public const string CloudReseller = "cloud_reseller";
    public const string GovSubsidy = "gov_subsidy";

    public Guid PartnerId { get; init; }

    public required string Programme { get; init; }

    public bool Active { get; set; }

    public DateTimeOffset? ExpiresAt { get; set; }

    public DateTimeOffset LastEventAt { get; set; }
}

/// <summary>Local copy of a partner's development-path stage (consulting and system-integration path).</summary>
public sealed class PartnerPathStage
{
    public const string Registered = "registered";
    public const string RoleCertified = "role_certified";
    public const string CapabilityDifferentiated = "capability_differentiated";

    public Guid PartnerId { get; init; }

    public required string Stage { get; set; }

    public DateTimeOffset LastEventAt { get; set; }
}

namespace Opportunities.Api.Domain;

/// <summary>What identity's events say about a partner: PCE membership, path stage, capability tags.</summary>
public sealed class PartnerFacts
{
    public Guid PartnerId { get; set; }

    public DateTimeOffset? CoExpansionJoinedAt { get; set; }

    public string? PathStage { get; set; }

    public DateTimeOffset? PathStageChangedAt { get; set; }

    public string[] CapabilityTags { get; set; } = [];
}

/// <summary>A partner's programme membership (identity's programme events).</summary>
public sealed class PartnerProgramme
{
    public Guid PartnerId { get; set; }

    public string Programme { get; set; } = "";

    public bool Active { get; set; }

    public DateTimeOffset? ExpiresAt { get; set; }

    public DateTimeOffset LastEventAt { get; set; }
}

/// <summary>A customer's association; the owner is the reseller when a distributor acted for it.</summary>
public sealed class CustomerAssociation
{
    public Guid CustomerId { get; set; }

    public Guid PartnerId { get; set; }

    public Guid? IndirectPartnerId { get; set; }

    public Guid OwnerPartnerId { get; set; }

    public bool Active { get; set; }

    public DateTimeOffset LastEventAt { get; set; }
}

/// <summary>A customer's <c>share_with_vendor</c> authorisation for a partner.</summary>
public sealed class CustomerAuthorisation
{
    public Guid PartnerId { get; set; }

    public Guid CustomerId { get; set; }

    public string Purpose { get; set; } = "";

    public Guid AuthorisationId { get; set; }

    public DateTimeOffset GrantedAt { get; set; }
}

/// <summary>A distributor ↔ reseller link (resellers' events): <c>active</c>, <c>suspended</c> or <c>revoked</c> (final).</summary>
public sealed class ResellerLink
{
    public Guid LinkId { get; set; }

    public Guid DistributorPartnerId { get; set; }

    public Guid ResellerPartnerId { get; set; }

    public string Status { get; set; } = "";

    public DateTimeOffset LastEventAt { get; set; }
}

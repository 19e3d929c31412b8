namespace Identity.Api.Domain;

/// <summary>A tenant: an enterprise with a verified real name and a bound email.</summary>
public sealed class Partner
{
    public Guid Id { get; init; }

    public required string CompanyName { get; set; }

    public required string Email { get; set; }

    public string? MobilePhone { get; set; }

    public required string Region { get; set; }

    public PathStage PathStage { get; set; } = PathStage.Registered;

    /// <summary>When the partner joined the co-expansion plan (PCE); null when it has not.</summary>
    public DateTimeOffset? CoExpansionJoinedAt { get; set; }

    public List<PartnerProgramme> Programmes { get; } = [];

    public List<PartnerCapabilityTag> CapabilityTags { get; } = [];

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public Guid? UpdatedBy { get; set; }

    /// <summary>PostgreSQL's row version (<c>xmin</c>): the ETag and the optimistic-concurrency token.</summary>
    public uint Version { get; set; }

    public IEnumerable<Programme> ActiveProgrammes => Programmes.Where(p => p.Status == ProgrammeStatus.Active).Select(p => p.Programme);

    public bool InProgramme(Programme programme) => ActiveProgrammes.Contains(programme);
}

/// <summary>One membership of a partner in a programme; expired memberships stay as history.</summary>
public sealed class PartnerProgramme
{
    public Guid Id { get; init; }

    public Guid PartnerId { get; init; }

    public Programme Programme { get; init; }

    public ProgrammeStatus Status { get; set; }

    public DateTimeOffset JoinedAt { get; init; }

    /// <summary>When the membership lapses by itself; null for no end date.</summary>
    public DateTimeOffset? ExpiresAt { get; set; }

    public DateTimeOffset? ExpiredAt { get; set; }
}

public sealed class PartnerCapabilityTag
{
    public Guid PartnerId { get; init; }

    public required string Tag { get; init; }

    public DateTimeOffset GrantedAt { get; init; }

    public Guid GrantedBy { get; init; }
}

public enum Programme
{
    SolutionProvider,
    Distributor,
    CloudReseller,
    GovSubsidy,
}

public enum ProgrammeStatus
{
    Active,
    Expired,
}

/// <summary>The development path: registered → role certified → capability differentiated.</summary>
public enum PathStage
{
    Registered,
    RoleCertified,
    CapabilityDifferentiated,
}

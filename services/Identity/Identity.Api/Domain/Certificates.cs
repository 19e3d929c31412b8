namespace Identity.Api.Domain;

/// <summary>
/// A professional certificate (HCIA/HCIP/HCIE) on a personal account. It is shared with every
/// partner the account is bound to (an accepted member invitation the account has not left).
/// </summary>
public sealed class MemberCertificate
{
    public Guid Id { get; init; }

    public Guid AccountId { get; init; }

    public CertificateLevel Level { get; init; }

    /// <summary>The track or field (e.g. <c>Cloud Service</c>, <c>Datacom</c>).</summary>
    public required string Track { get; init; }

    /// <summary>Upper-case; unique per account.</summary>
    public required string Number { get; init; }

    public DateOnly IssuedOn { get; init; }

    public DateOnly ExpiresOn { get; init; }

    public DateTimeOffset CreatedAt { get; init; }
}

public enum CertificateLevel
{
    Hcia,
    Hcip,
    Hcie,
}

/// <summary>A personal account left a partner it was bound to through <see cref="InvitationId"/>: sharing ends.</summary>
public sealed class MemberDeparture
{
    public Guid InvitationId { get; init; }

    public Guid AccountId { get; init; }

    public Guid PartnerId { get; init; }

    public DateTimeOffset LeftAt { get; init; }
}

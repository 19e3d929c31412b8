namespace Identity.Api.Domain.Sso;

/// <summary>A partner's SAML identity provider, as its uploaded metadata describes it (one per partner).</summary>
public sealed class SamlIdentityProvider
{
    public Guid PartnerId { get; init; }

    public required string EntityId { get; set; }

    /// <summary>The SingleSignOnService location of the HTTP-Redirect binding.</summary>
    public required string SingleSignOnUrl { get; set; }

    /// <summary>The signing certificates (DER, base64); a response verifies with any of them (rollover).</summary>
    public required List<string> SigningCertificates { get; set; }

    /// <summary>The metadata document as uploaded.</summary>
    public required string MetadataXml { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public Guid UpdatedBy { get; set; }
}

/// <summary>An audit record: who configured or removed a partner's identity provider, and when.</summary>
public sealed class SamlConfigurationChange
{
    public Guid Id { get; init; }

    public Guid PartnerId { get; init; }

    public Guid ChangedBy { get; init; }

    public SamlConfigurationAction Action { get; init; }

    public required string EntityId { get; init; }

    /// <summary>SHA-256 thumbprints of the certificates configured (empty on removal).</summary>
    public required List<string> CertificateThumbprints { get; init; }

    public DateTimeOffset ChangedAt { get; init; }
}

public enum SamlConfigurationAction
{
    Configured,
    Removed,
}

/// <summary>
/// An AuthnRequest sent; a response's InResponseTo must name one that is not expired, and only one
/// response is accepted for it (<see cref="ConsumedAt"/>). Kept until it expires, so a replayed
/// response is still told apart from one answering no request.
/// </summary>
public sealed class SamlPendingRequest
{
    public required string Id { get; init; }

    public Guid PartnerId { get; init; }

    public DateTimeOffset ExpiresAt { get; init; }

    public DateTimeOffset? ConsumedAt { get; init; }
}

/// <summary>An assertion already used, remembered until its NotOnOrAfter so it cannot be replayed.</summary>
public sealed class SamlUsedAssertion
{
    public Guid PartnerId { get; init; }

    public required string AssertionId { get; init; }

    public DateTimeOffset ExpiresAt { get; init; }
}

/// <summary>The one-time code a successful sign-in hands the frontend (only its SHA-256 is kept).</summary>
public sealed class SamlLoginCode
{
    public required string CodeHash { get; init; }

    public Guid AccountId { get; init; }

    public DateTimeOffset ExpiresAt { get; init; }
}

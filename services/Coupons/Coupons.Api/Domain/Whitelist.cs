namespace Coupons.Api.Domain;

/// <summary>
/// The customers a partner may give cash coupons and pickup vouchers to. Every import replaces the
/// list with a new version; older versions stay for the record. <see cref="Version"/> is the ETag.
/// </summary>
public sealed class Whitelist
{
    public Guid PartnerId { get; init; }

    public int Version { get; set; }

    public int CustomerCount { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public string? UpdatedBy { get; set; }
}

/// <summary>One imported version of a partner's whitelist.</summary>
public sealed class WhitelistVersion
{
    public Guid PartnerId { get; init; }

    public int Version { get; init; }

    public int CustomerCount { get; init; }

    public string? ImportedBy { get; init; }

    public string? Remark { get; init; }

    public DateTimeOffset ImportedAt { get; init; }
}

/// <summary>A customer on one version of a partner's whitelist.</summary>
public sealed class WhitelistEntry
{
    public Guid PartnerId { get; init; }

    public int Version { get; init; }

    public Guid CustomerId { get; init; }
}

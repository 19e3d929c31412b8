namespace Resellers.Api.Domain;

/// <summary>A partner as identity-api announced it (<c>PartnerRegistered</c>).</summary>
public sealed class KnownPartner
{
    public Guid Id { get; init; }

    public string CompanyName { get; set; } = "";

    public string Region { get; set; } = "";

    public DateTimeOffset RegisteredAt { get; set; }
}

/// <summary>
/// A partner's membership in a programme (<c>PartnerProgrammeJoined</c>/<c>Expired</c>). Events may
/// arrive out of order: <see cref="ChangedAt"/> is the event time of the last change applied.
/// </summary>
public sealed class KnownProgramme
{
    public const string SolutionProvider = "solution_provider";
    public const string Distributor = "distributor";
    public const string CloudReseller = "cloud_reseller";

    public Guid PartnerId { get; init; }

    public string Programme { get; init; } = "";

    public DateTimeOffset? JoinedAt { get; set; }

    /// <summary>The membership's planned end; it counts as ended once passed.</summary>
    public DateTimeOffset? ExpiresAt { get; set; }

    /// <summary>Set when identity-api announced the end.</summary>
    public DateTimeOffset? ExpiredAt { get; set; }

    public DateTimeOffset ChangedAt { get; set; }

    public bool IsActive(DateTimeOffset now) => JoinedAt is not null && ExpiredAt is null && (ExpiresAt is null || ExpiresAt > now);

    public bool HasEnded(DateTimeOffset now) => ExpiredAt is not null || ExpiresAt <= now;
}

/// <summary>
/// A customer association (<c>CustomerAssociated</c>/<c>Disassociated</c>), owned by the reseller
/// when a distributor acted for it. Kept after disassociation for the scorecards' new-customer count.
/// </summary>
public sealed class KnownCustomerAssociation
{
    public Guid Id { get; init; }

    public Guid CustomerId { get; init; }

    public Guid OwnerPartnerId { get; init; }

    public DateTimeOffset AssociatedAt { get; init; }

    public DateTimeOffset? DisassociatedAt { get; set; }
}

/// <summary>A coupon redemption credited to a reseller (<c>CouponRedeemed</c>), for the scorecards.</summary>
public sealed class KnownCouponRedemption
{
    public Guid Id { get; init; }

    public Guid ResellerPartnerId { get; init; }

    public Guid CouponId { get; init; }

    public string OrderId { get; init; } = "";

    public decimal DeductedAmount { get; init; }

    public DateTimeOffset RedeemedAt { get; init; }
}

/// <summary>
/// Facts about an account that block joining the distribution plan and that no event carries,
/// recorded by vendor staff.
/// </summary>
public sealed class JoinFacts
{
    public Guid PartnerId { get; init; }

    public bool HasArrears { get; set; }

    public bool HasCreditAccount { get; set; }

    public bool IsFrozen { get; set; }

    /// <summary>The account is another partner's associated customer (when identity-api's events cannot tell).</summary>
    public bool IsAssociatedCustomer { get; set; }

    public string? Note { get; set; }

    public Guid RecordedBy { get; set; }

    public DateTimeOffset RecordedAt { get; set; }

    public uint Version { get; private set; }
}

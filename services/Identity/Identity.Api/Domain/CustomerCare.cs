namespace Identity.Api.Domain;

/// <summary>A partner's request for a customer's authorisation (客户授权); the customer approves or refuses.</summary>
public sealed class AuthorisationRequest
{
    public Guid Id { get; init; }

    public Guid CustomerId { get; init; }

    public Guid PartnerId { get; init; }

    public AuthorisationPurpose Purpose { get; init; }

    public AuthorisationStatus Status { get; set; }

    public DateTimeOffset RequestedAt { get; init; }

    public Guid RequestedBy { get; init; }

    public DateTimeOffset? DecidedAt { get; set; }

    public uint Version { get; set; }
}

public enum AuthorisationPurpose
{
    /// <summary>Order on behalf of a reseller-type customer.</summary>
    OrderOnBehalf,
    /// <summary>Share the customer's data with the vendor (e.g. in an opportunity).</summary>
    ShareWithVendor,
}

public enum AuthorisationStatus
{
    Pending,
    Granted,
    Refused,
}

/// <summary>A completed disassociation; the latest one per customer starts the 3-month cooldown.</summary>
public sealed class DisassociationRequest
{
    public Guid Id { get; init; }

    public Guid CustomerId { get; init; }

    public Guid PartnerId { get; init; }

    public DisassociationRequester RequestedBy { get; init; }

    public Guid RequestedByAccount { get; init; }

    public DateTimeOffset RequestedAt { get; init; }
}

/// <summary>
/// What the vendor's billing knows of a customer, recorded by vendor staff: the blockers of
/// disassociation and the inputs of the daily warnings.
/// </summary>
public sealed class CustomerAccountFacts
{
    public Guid CustomerId { get; init; }

    public bool UnpaidPartnerOrders { get; set; }

    public decimal ArrearsAmount { get; set; }

    public bool ManualFreeze { get; set; }

    public DateTimeOffset? ReservedResourcesUntil { get; set; }

    public decimal? Balance { get; set; }

    public DateTimeOffset? ResourcesExpiringAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public Guid UpdatedBy { get; set; }
}

/// <summary>A customer warning (客户预警), raised and refreshed daily; closed by the customer's responsible owner.</summary>
public sealed class CustomerWarning
{
    public Guid Id { get; init; }

    public Guid CustomerId { get; init; }

    public Guid PartnerId { get; init; }

    public CustomerWarningKind Kind { get; init; }

    public CustomerWarningStatus Status { get; set; }

    public DateTimeOffset RaisedAt { get; init; }

    public DateTimeOffset RefreshedAt { get; set; }

    public DateTimeOffset? ClosedAt { get; set; }

    public Guid? ClosedBy { get; set; }

    public string? Note { get; set; }

    public uint Version { get; set; }
}

public enum CustomerWarningKind
{
    LowBalance,
    Arrears,
    ResourcesExpiring,
}

public enum CustomerWarningStatus
{
    Open,
    Closed,
    /// <summary>The condition went away before anyone closed it.</summary>
    Resolved,
}

/// <summary>Which day the warnings were last refreshed, so only one instance refreshes per day.</summary>
public sealed class WarningRefreshRun
{
    public DateOnly Day { get; init; }

    public DateTimeOffset RanAt { get; init; }

    public int Raised { get; init; }
}

/// <summary>An audit record: a partner's account saw one of a customer's personal data fields in clear.</summary>
public sealed class PiiReveal
{
    public Guid Id { get; init; }

    public Guid PartnerId { get; init; }

    public Guid AccountId { get; init; }

    public Guid CustomerId { get; init; }

    public required string Field { get; init; }

    public DateTimeOffset RevealedAt { get; init; }
}

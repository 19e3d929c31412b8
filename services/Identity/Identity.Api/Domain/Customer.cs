namespace Identity.Api.Domain;

/// <summary>A customer: a cloud account, with a login (<see cref="Account"/> of kind customer) of the same name.</summary>
public sealed class Customer
{
    public Guid Id { get; init; }

    /// <summary>The account name (the seed API's <c>domain_name</c>); also the login name.</summary>
    public required string AccountName { get; init; }

    /// <summary>The customer's name as a partner registered it (company or person), if known.</summary>
    public string? DisplayName { get; set; }

    /// <summary>Lower-case.</summary>
    public string? Email { get; set; }

    public string? MobilePhone { get; set; }

    /// <summary>The partner that created the customer through the registration API; null for self-registration.</summary>
    public Guid? CreatedByPartnerId { get; init; }

    /// <summary>The creating partner's own id for the customer (≤ 128), unique per partner: makes creation idempotent.</summary>
    public string? XAccountId { get; init; }

    public string? XAccountType { get; init; }

    /// <summary>SHA-256 of the creating request's data, to tell a replay from a conflicting reuse of <see cref="XAccountId"/>.</summary>
    public string? RequestHash { get; init; }

    /// <summary>The reseller a distributor created the customer for.</summary>
    public Guid? IndirectPartnerId { get; init; }

    /// <summary>Outcome of the asynchronous association after creation through the registration API.</summary>
    public AssociationStatus AssociationStatus { get; set; }

    public string? AssociationFailure { get; set; }

    public DateTimeOffset CreatedAt { get; init; }

    public Guid? CreatedBy { get; init; }
}

public enum AssociationStatus
{
    /// <summary>Not created through the registration API, or nothing requested.</summary>
    None,
    Pending,
    Associated,
    Failed,
}

/// <summary>A customer's association with one partner; at most one is open (<see cref="EndedAt"/> null) per customer.</summary>
public sealed class Association
{
    public Guid Id { get; init; }

    public Guid CustomerId { get; init; }

    /// <summary>The partner the customer belongs to (for a distributor's reseller customer: the reseller).</summary>
    public Guid PartnerId { get; init; }

    /// <summary>The distributor that created the customer for <see cref="PartnerId"/>, if any.</summary>
    public Guid? DistributorId { get; init; }

    public AssociationType Type { get; init; }

    public AssociationSource Source { get; init; }

    /// <summary>The member whose invitation the customer accepted.</summary>
    public Guid? InvitedBy { get; init; }

    public DateTimeOffset AssociatedAt { get; init; }

    /// <summary>The member responsible for the customer (account manager).</summary>
    public Guid? AccountManagerId { get; set; }

    public DateTimeOffset? EndedAt { get; set; }

    public DisassociationRequester? EndedBy { get; set; }

    public uint Version { get; set; }
}

/// <summary><c>referral</c> (顾问销售: the customer pays) or <c>reseller</c> (代售: the partner funds and invoices the customer).</summary>
public enum AssociationType
{
    Referral,
    Reseller,
}

public enum AssociationSource
{
    Api,
    OnlineInvitation,
    OfflineInvitation,
}

public enum DisassociationRequester
{
    Partner,
    Customer,
}

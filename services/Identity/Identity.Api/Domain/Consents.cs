namespace Identity.Api.Domain;

/// <summary>
/// What a customer accepted when it joined a partner through the partner's link: the documents
/// in force then, the account data it agreed to transfer, when and from where. Written once,
/// never changed (the table refuses updates and deletes).
/// </summary>
public sealed class CustomerConsent
{
    public Guid Id { get; init; }

    public Guid CustomerId { get; init; }

    /// <summary>The customer's login that accepted.</summary>
    public Guid AccountId { get; init; }

    /// <summary>The partner the customer joined.</summary>
    public Guid PartnerId { get; init; }

    /// <summary>The invitation (online or offline link) the customer accepted.</summary>
    public Guid InvitationId { get; init; }

    public DateTimeOffset AcceptedAt { get; init; }

    /// <summary>The client's address as the service saw it (behind the gateway: the forwarded client address).</summary>
    public string? ClientIp { get; init; }

    public string? UserAgent { get; init; }

    /// <summary>The account data items the customer agreed to transfer (<c>account_name</c>, <c>mobile_phone</c>, …).</summary>
    public List<string> TransferredData { get; init; } = [];

    public List<CustomerConsentDocument> Documents { get; init; } = [];
}

/// <summary>One document of a consent and the version of it the customer accepted.</summary>
public sealed class CustomerConsentDocument
{
    public Guid ConsentId { get; init; }

    public ConsentDocumentKind Kind { get; init; }

    public required string Version { get; init; }

    /// <summary>When that version came into force.</summary>
    public DateTimeOffset EffectiveFrom { get; init; }
}

/// <summary>The documents a customer accepts to join a partner (《用户协议》, 《隐私政策说明》, the transfer of its account data).</summary>
public enum ConsentDocumentKind
{
    UserAgreement,
    PrivacyPolicy,
    AccountDataTransfer,
}

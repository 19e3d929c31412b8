namespace SubscriptionFiles.Api.Domain;

/// <summary>A partner's HTTPS endpoint and the event types it receives.</summary>
public sealed class WebhookEndpoint
{
    public Guid Id { get; set; }

    public Guid PartnerId { get; set; }

    public required string Url { get; set; }

    public string? Description { get; set; }

    /// <summary>Names from the catalogue (<c>CustomerAssociated</c>, …).</summary>
    public List<string> EventTypes { get; set; } = [];

    /// <summary>Set by the partner; a disabled endpoint receives nothing.</summary>
    public bool Enabled { get; set; }

    /// <summary>Set when deliveries kept failing; cleared when the partner enables the endpoint again.</summary>
    public DateTimeOffset? PausedAt { get; set; }

    public string? PausedReason { get; set; }

    /// <summary>Deliveries in a row that failed after every retry; reset by any success.</summary>
    public int ConsecutiveFailedDeliveries { get; set; }

    public required string Secret { get; set; }

    /// <summary>The secret before the last rotation, still signing until <see cref="PreviousSecretExpiresAt"/>.</summary>
    public string? PreviousSecret { get; set; }

    public DateTimeOffset? PreviousSecretExpiresAt { get; set; }

    public DateTimeOffset? SecretRotatedAt { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public string? CreatedBy { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public WebhookEndpointState State => !Enabled ? WebhookEndpointState.Disabled
        : PausedAt is not null ? WebhookEndpointState.Paused
        : WebhookEndpointState.Active;

    /// <summary>The secrets a delivery at <paramref name="now"/> is signed with: the current one, then the previous one during the overlap.</summary>
    public IReadOnlyList<string> SigningSecrets(DateTimeOffset now) =>
        PreviousSecret is not null && PreviousSecretExpiresAt > now ? [Secret, PreviousSecret] : [Secret];

    public bool Receives(string eventType) => Enabled && PausedAt is null && EventTypes.Contains(eventType);
}

public enum WebhookEndpointState
{
    /// <summary>Receives its events.</summary>
    Active,

    /// <summary>Paused after repeated failed deliveries; enable it again with PATCH.</summary>
    Paused,

    /// <summary>Disabled by the partner.</summary>
    Disabled,
}

/// <summary>One event for one endpoint: the body exactly as signed and sent, and where its attempts stand.</summary>
public sealed class WebhookDelivery
{
    public Guid Id { get; set; }

    public Guid EndpointId { get; set; }

    public Guid PartnerId { get; set; }

    /// <summary>The event's id (its message id on the bus); a replay keeps it, so receivers can deduplicate.</summary>
    public Guid EventId { get; set; }

    public required string EventType { get; set; }

    /// <summary>The JSON body, stored as text so the bytes sent (and signed) never change.</summary>
    public required string Body { get; set; }

    public WebhookDeliveryStatus Status { get; set; }

    public int Attempts { get; set; }

    public DateTimeOffset NextAttemptAt { get; set; }

    /// <summary>The sender holding the delivery, and until when (a lease: a sender that died leaves it to another).</summary>
    public Guid? ClaimToken { get; set; }

    public DateTimeOffset? ClaimedUntil { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? DeliveredAt { get; set; }

    public int? LastStatusCode { get; set; }

    public string? LastError { get; set; }

    /// <summary>The delivery this one replays (same event id), if it is a replay.</summary>
    public Guid? ReplayOf { get; set; }
}

public enum WebhookDeliveryStatus
{
    /// <summary>Waiting for its first attempt or a retry.</summary>
    Pending,

    /// <summary>The endpoint answered 2xx.</summary>
    Delivered,

    /// <summary>Every attempt in the retry window failed.</summary>
    Failed,
}

/// <summary>One HTTP attempt of a delivery, as the partner sees it in the attempt log.</summary>
public sealed class WebhookAttempt
{
    public long Id { get; set; }

    public Guid DeliveryId { get; set; }

    public Guid PartnerId { get; set; }

    public int Number { get; set; }

    public DateTimeOffset AttemptedAt { get; set; }

    public int? StatusCode { get; set; }

    public int DurationMs { get; set; }

    public bool Succeeded { get; set; }

    public string? ResponseExcerpt { get; set; }

    public string? Error { get; set; }
}

/// <summary>Who changed a partner's webhook configuration, and how (kept after the endpoint is deleted).</summary>
public sealed class WebhookAuditEntry
{
    public long Id { get; set; }

    public Guid PartnerId { get; set; }

    public Guid EndpointId { get; set; }

    public required string Action { get; set; }

    /// <summary>The user who acted, or <c>system</c> for a pause.</summary>
    public required string Actor { get; set; }

    public DateTimeOffset At { get; set; }

    public string? Detail { get; set; }
}

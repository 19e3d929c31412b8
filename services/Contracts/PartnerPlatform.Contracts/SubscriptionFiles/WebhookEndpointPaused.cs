namespace PartnerPlatform.Contracts.SubscriptionFiles;

/// <summary>
/// A partner's webhook endpoint was paused after <paramref name="FailedDeliveries"/> deliveries in a row
/// failed every retry; it receives nothing until the partner enables it again.
/// </summary>
public sealed record WebhookEndpointPaused(
    Guid EndpointId,
    Guid PartnerId,
    string Url,
    int FailedDeliveries,
    string Reason,
    DateTimeOffset OccurredAt);

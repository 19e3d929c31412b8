namespace PartnerPlatform.Contracts.SubscriptionFiles;

/// <summary>
/// A delivery's upload failed; the partner is notified of every failed attempt. While
/// <paramref name="WillRetry"/> holds the delivery is retried at <paramref name="NextAttemptAt"/> (daily);
/// after the last retry it is reported as failed (<paramref name="WillRetry"/> false).
/// </summary>
public sealed record SubscriptionFileDeliveryFailed(
    Guid DeliveryId,
    Guid SubscriptionId,
    Guid PartnerId,
    string Content,
    string Period,
    int Attempt,
    bool WillRetry,
    DateTimeOffset? NextAttemptAt,
    string Reason,
    DateTimeOffset OccurredAt);

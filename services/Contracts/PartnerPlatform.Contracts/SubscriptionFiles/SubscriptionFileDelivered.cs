namespace PartnerPlatform.Contracts.SubscriptionFiles;

/// <summary>
/// A subscribed content's files for one period landed in the partner's bucket, manifest last.
/// <paramref name="Run"/> counts the runs of this delivery (a re-delivery on demand is run 2, 3…).
/// </summary>
public sealed record SubscriptionFileDelivered(
    Guid DeliveryId,
    Guid SubscriptionId,
    Guid PartnerId,
    string Content,
    string Period,
    int FileCount,
    long RowCount,
    string ManifestKey,
    int Run,
    DateTimeOffset OccurredAt);

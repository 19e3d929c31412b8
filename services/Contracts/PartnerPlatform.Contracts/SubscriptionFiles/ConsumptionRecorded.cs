namespace PartnerPlatform.Contracts.SubscriptionFiles;

/// <summary>
/// A customer's consumption of one product on one day, as the vendor's billing side rates it. The
/// suite does not own billing: subscription-files-api's demo stream generator publishes these.
/// </summary>
public sealed record ConsumptionRecorded(
    Guid RecordId,
    Guid PartnerId,
    Guid CustomerId,
    Guid? AccountManagerId,
    string ProductCode,
    string Region,
    DateOnly ConsumedOn,
    decimal Amount,
    string Currency,
    DateTimeOffset OccurredAt);

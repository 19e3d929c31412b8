namespace PartnerPlatform.Contracts.SubscriptionFiles;

/// <summary>
/// An order of a partner's customer and the resource it bought, from the vendor's ordering side.
/// The suite does not own ordering: subscription-files-api's demo stream generator publishes these.
/// </summary>
public sealed record OrderRecorded(
    Guid OrderId,
    Guid PartnerId,
    Guid CustomerId,
    string OrderType,
    string ProductCode,
    string ResourceId,
    string Region,
    decimal Amount,
    string Currency,
    DateTimeOffset OrderedAt,
    DateTimeOffset OccurredAt);

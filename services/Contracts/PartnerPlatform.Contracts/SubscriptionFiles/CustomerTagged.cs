namespace PartnerPlatform.Contracts.SubscriptionFiles;

/// <summary>
/// The vendor's sales side tagged a partner's customer (e.g. <c>new_customer</c>). The suite does not
/// own customer tagging: subscription-files-api's demo stream generator publishes these.
/// </summary>
public sealed record CustomerTagged(Guid PartnerId, Guid CustomerId, string Tag, DateTimeOffset OccurredAt);

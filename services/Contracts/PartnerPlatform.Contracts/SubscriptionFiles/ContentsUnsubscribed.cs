namespace PartnerPlatform.Contracts.SubscriptionFiles;

/// <summary>
/// A partner stopped one or more contents of a subscription (<paramref name="Contents"/>, snake_case
/// names). Their deliveries still waiting to run were cancelled; delivered files stay in the bucket.
/// <paramref name="SubscriptionEnded"/> tells that no content is left and the subscription is gone.
/// </summary>
public sealed record ContentsUnsubscribed(
    Guid SubscriptionId,
    Guid PartnerId,
    IReadOnlyList<string> Contents,
    int CancelledDeliveries,
    bool SubscriptionEnded,
    DateTimeOffset OccurredAt);

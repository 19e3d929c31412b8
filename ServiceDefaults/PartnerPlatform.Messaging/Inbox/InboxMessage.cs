namespace PartnerPlatform.Messaging.Inbox;

/// <summary>A message a consumer has already handled, written in the consumer's own transaction.</summary>
public sealed class InboxMessage
{
    public Guid MessageId { get; init; }

    /// <summary>The consumer that handled it (its type name), so two consumers of one message are independent.</summary>
    public required string Consumer { get; init; }

    public DateTimeOffset ProcessedAt { get; init; }
}

using System.Diagnostics;

namespace PartnerPlatform.Messaging.Outbox;

/// <summary>
/// An event waiting in the service's own database to be published. Written in the same
/// <c>SaveChanges</c> as the business change; the relay publishes it with <see cref="Id"/> as the
/// message id, so a redelivery is recognisable downstream.
/// </summary>
public sealed class OutboxMessage
{
    public Guid Id { get; init; }

    /// <summary>CLR type of the event, <c>Namespace.Type, Assembly</c> (no version).</summary>
    public required string MessageType { get; init; }

    /// <summary>The event as JSON.</summary>
    public required string Payload { get; init; }

    /// <summary>W3C trace parent of the activity that wrote the event, so the publish joins its trace.</summary>
    public string? TraceParent { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>The relay does not claim the row before this moment (parks rows that cannot be read).</summary>
    public DateTimeOffset AvailableAt { get; set; }

    public DateTimeOffset? SentAt { get; set; }

    public int Attempts { get; set; }

    public string? LastError { get; set; }

    /// <summary>
    /// The row for <paramref name="event"/> exactly as the relay reads it, for code that writes
    /// outbox rows with its own SQL in the business transaction; <see cref="IOutbox.Add{TEvent}"/>
    /// uses it too.
    /// </summary>
    public static OutboxMessage For(object @event, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(@event);
        return new OutboxMessage
        {
            // Version 7: ids sort by creation time, so the relay publishes roughly in commit order.
            Id = Guid.CreateVersion7(now),
            MessageType = OutboxSerializer.TypeName(@event.GetType()),
            Payload = OutboxSerializer.Serialize(@event),
            TraceParent = Activity.Current is { IdFormat: ActivityIdFormat.W3C } activity ? activity.Id : null,
            CreatedAt = now,
            AvailableAt = now,
        };
    }
}

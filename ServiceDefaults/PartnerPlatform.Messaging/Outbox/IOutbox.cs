namespace PartnerPlatform.Messaging.Outbox;

/// <summary>
/// Publishes events through the service's outbox: <see cref="Add{TEvent}"/> stages a row in the
/// service's DbContext, and the next <c>SaveChanges</c> commits it together with the business
/// change. Nothing reaches the broker unless that commit succeeds.
/// </summary>
public interface IOutbox
{
    void Add<TEvent>(TEvent @event)
        where TEvent : class;
}

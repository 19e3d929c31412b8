using MassTransit;
using SubscriptionFiles.Api.Application;

namespace SubscriptionFiles.Api.Consumers;

/// <summary>
/// Fans any subscribable event (<see cref="WebhookEventCatalogue"/>) out into one delivery per enabled
/// endpoint of the partners it concerns. The inbox runs it in one transaction with its
/// <c>(message_id, consumer)</c> row, so a redelivered event adds no second delivery.
/// </summary>
public sealed class WebhookEventConsumer<TEvent>(WebhookFanOut fanOut) : IConsumer<TEvent>
    where TEvent : class
{
    public Task Consume(ConsumeContext<TEvent> context) =>
        fanOut.AddDeliveriesAsync(WebhookEventCatalogue.For<TEvent>(), context.Message, context.MessageId ?? NewId.NextSequentialGuid(), context.CancellationToken);
}

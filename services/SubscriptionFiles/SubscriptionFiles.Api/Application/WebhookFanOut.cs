using System.Text.Json;
using System.Text.Json.Serialization;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using SubscriptionFiles.Api.Data;
using SubscriptionFiles.Api.Domain;

namespace SubscriptionFiles.Api.Application;

/// <summary>The body every webhook carries: the event's id, type, time, partner and the event itself as <c>data</c>.</summary>
public sealed record WebhookBody(Guid Id, string Type, DateTimeOffset OccurredAt, Guid PartnerId, object Data);

/// <summary>Adds one delivery per endpoint of the concerned partners that receives the event; the caller's transaction commits them.</summary>
public sealed class WebhookFanOut(SubscriptionFilesDbContext db, TimeProvider time)
{
    public static readonly JsonSerializerOptions BodyJson = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    /// <summary>
    /// One delivery per receiving endpoint of the partners <paramref name="partnersOf"/> names. The inbox runs
    /// this in one transaction with the message's <c>(message_id, consumer)</c> row, so a redelivered event adds none.
    /// </summary>
    public Task AddDeliveriesAsync<TEvent>(ConsumeContext<TEvent> context, Func<TEvent, IEnumerable<Guid?>> partnersOf)
        where TEvent : class =>
        AddDeliveriesAsync(WebhookEventCatalogue.For<TEvent>(), context.Message, partnersOf(context.Message), context.MessageId ?? NewId.NextSequentialGuid(),
            context.CancellationToken);

    private async Task AddDeliveriesAsync(WebhookEventType eventType, object message, IEnumerable<Guid?> concerned, Guid eventId, CancellationToken cancellationToken)
    {
        var partners = concerned.OfType<Guid>().Distinct().ToList();
        if (partners.Count == 0)
        {
            return;
        }

        var endpoints = await db.WebhookEndpoints.AsNoTracking()
            .Where(e => partners.Contains(e.PartnerId) && e.Enabled && e.PausedAt == null && e.EventTypes.Contains(eventType.Name))
            .Select(e => new { e.Id, e.PartnerId })
            .ToListAsync(cancellationToken);
        var now = time.GetUtcNow();
        var occurredAt = message.GetType().GetProperty("OccurredAt")?.GetValue(message) as DateTimeOffset? ?? now;
        foreach (var endpoint in endpoints)
        {
            db.WebhookDeliveries.Add(new WebhookDelivery
            {
                Id = NewId.NextSequentialGuid(),
                EndpointId = endpoint.Id,
                PartnerId = endpoint.PartnerId,
                EventId = eventId,
                EventType = eventType.Name,
                Body = JsonSerializer.Serialize(new WebhookBody(eventId, eventType.Name, occurredAt, endpoint.PartnerId, message), BodyJson),
                Status = WebhookDeliveryStatus.Pending,
                NextAttemptAt = now,
                CreatedAt = now,
            });
        }
    }
}

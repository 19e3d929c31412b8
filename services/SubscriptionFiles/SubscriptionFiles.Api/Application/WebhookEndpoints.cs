using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PartnerPlatform.ServiceDefaults;
using SubscriptionFiles.Api.Data;
using SubscriptionFiles.Api.Domain;

namespace SubscriptionFiles.Api.Application;

public sealed record RegisterWebhookCommand(string? Url, IReadOnlyList<string>? EventTypes, string? Description, bool? Enabled);

public sealed record ChangeWebhookCommand(string? Url, IReadOnlyList<string>? EventTypes, string? Description, bool? Enabled);

/// <summary>A partner's webhook endpoints: register, change, delete, rotate the secret. Every change is audited.</summary>
public sealed class WebhookEndpoints(SubscriptionFilesDbContext db, WebhookAddressRules addressRules, IOptions<WebhooksOptions> options, TimeProvider time)
{
    public IQueryable<WebhookEndpoint> Of(Guid partnerId) => db.WebhookEndpoints.AsNoTracking().Where(e => e.PartnerId == partnerId);

    public async Task<WebhookEndpoint> FindAsync(Guid partnerId, Guid endpointId, CancellationToken cancellationToken) =>
        await Of(partnerId).SingleOrDefaultAsync(e => e.Id == endpointId, cancellationToken)
        ?? throw ApiException.NotFound("There is no such webhook endpoint.");

    public IQueryable<WebhookAuditEntry> AuditOf(Guid partnerId) => db.WebhookAuditEntries.AsNoTracking().Where(e => e.PartnerId == partnerId);

    public async Task<WebhookEndpoint> RegisterAsync(Guid partnerId, string? userId, RegisterWebhookCommand command, CancellationToken cancellationToken)
    {
        var url = await addressRules.CheckUrlAsync(command.Url, cancellationToken);
        var eventTypes = CheckEventTypes(command.EventTypes);
        var description = CheckDescription(command.Description);
        var now = time.GetUtcNow();

        // Serialises a partner's registrations, so the limit holds under concurrent requests.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtextextended({"webhooks:" + partnerId}, 0))", cancellationToken);
        if (await db.WebhookEndpoints.CountAsync(e => e.PartnerId == partnerId, cancellationToken) >= options.Value.MaxEndpointsPerPartner)
        {
            throw new ApiException(SubscriptionFilesErrors.WebhookEndpointLimitReached);
        }

        var endpoint = new WebhookEndpoint
        {
            Id = NewId.NextSequentialGuid(),
            PartnerId = partnerId,
            Url = url.AbsoluteUri,
            Description = description,
            EventTypes = eventTypes,
            Enabled = command.Enabled ?? true,
            Secret = WebhookSignature.NewSecret(),
            CreatedAt = now,
            CreatedBy = userId,
            UpdatedAt = now,
        };
        db.WebhookEndpoints.Add(endpoint);
        Audit(endpoint, "created", userId, now, $"url={endpoint.Url}; event_types={string.Join(',', eventTypes)}; enabled={endpoint.Enabled}");
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return endpoint;
    }

    /// <summary>Changes what is given. Enabling a paused endpoint resumes it and starts its failure count again.</summary>
    public async Task<WebhookEndpoint> ChangeAsync(Guid partnerId, Guid endpointId, string? userId, ChangeWebhookCommand command, CancellationToken cancellationToken)
    {
        var url = command.Url is null ? null : await addressRules.CheckUrlAsync(command.Url, cancellationToken);
        var eventTypes = command.EventTypes is null ? null : CheckEventTypes(command.EventTypes);
        var description = command.Description is null ? null : CheckDescription(command.Description);

        var endpoint = await db.WebhookEndpoints.SingleOrDefaultAsync(e => e.Id == endpointId && e.PartnerId == partnerId, cancellationToken)
            ?? throw ApiException.NotFound("There is no such webhook endpoint.");
        var now = time.GetUtcNow();
        var changes = new List<string>();
        if (url is not null && url.AbsoluteUri != endpoint.Url)
        {
            endpoint.Url = url.AbsoluteUri;
            changes.Add($"url={endpoint.Url}");
        }

        if (eventTypes is not null)
        {
            endpoint.EventTypes = eventTypes;
            changes.Add($"event_types={string.Join(',', eventTypes)}");
        }

        if (description is not null)
        {
            endpoint.Description = description.Length == 0 ? null : description;
            changes.Add("description");
        }

        if (command.Enabled is { } enabled)
        {
            if (enabled && endpoint.PausedAt is not null)
            {
                changes.Add($"resumed after pause ({endpoint.PausedReason})");
                endpoint.PausedAt = null;
                endpoint.PausedReason = null;
                endpoint.ConsecutiveFailedDeliveries = 0;
            }

            if (enabled != endpoint.Enabled)
            {
                endpoint.Enabled = enabled;
                changes.Add($"enabled={enabled}");
            }
        }

        if (changes.Count > 0)
        {
            endpoint.UpdatedAt = now;
            Audit(endpoint, "updated", userId, now, string.Join("; ", changes));
            await db.SaveChangesAsync(cancellationToken);
        }

        return endpoint;
    }

    /// <summary>Deletes the endpoint with its deliveries and attempts; the audit keeps the deletion.</summary>
    public async Task DeleteAsync(Guid partnerId, Guid endpointId, string? userId, CancellationToken cancellationToken)
    {
        var endpoint = await db.WebhookEndpoints.SingleOrDefaultAsync(e => e.Id == endpointId && e.PartnerId == partnerId, cancellationToken)
            ?? throw ApiException.NotFound("There is no such webhook endpoint.");
        db.WebhookEndpoints.Remove(endpoint);
        Audit(endpoint, "deleted", userId, time.GetUtcNow(), $"url={endpoint.Url}");
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>A new secret signs from now on; the old one keeps signing too until the overlap ends.</summary>
    public async Task<WebhookEndpoint> RotateSecretAsync(Guid partnerId, Guid endpointId, string? userId, CancellationToken cancellationToken)
    {
        var endpoint = await db.WebhookEndpoints
            .FromSql($"SELECT * FROM webhook_endpoints WHERE id = {endpointId} AND partner_id = {partnerId} FOR UPDATE")
            .SingleOrDefaultAsync(cancellationToken)
            ?? throw ApiException.NotFound("There is no such webhook endpoint.");
        var now = time.GetUtcNow();
        endpoint.PreviousSecret = endpoint.Secret;
        endpoint.PreviousSecretExpiresAt = now + options.Value.SecretRotationOverlap;
        endpoint.Secret = WebhookSignature.NewSecret();
        endpoint.SecretRotatedAt = now;
        endpoint.UpdatedAt = now;
        Audit(endpoint, "secret_rotated", userId, now, $"previous secret signs until {endpoint.PreviousSecretExpiresAt:O}");
        await db.SaveChangesAsync(cancellationToken);
        return endpoint;
    }

    private void Audit(WebhookEndpoint endpoint, string action, string? userId, DateTimeOffset now, string detail) =>
        db.WebhookAuditEntries.Add(new WebhookAuditEntry
        {
            PartnerId = endpoint.PartnerId, EndpointId = endpoint.Id, Action = action, Actor = userId ?? "unknown", At = now,
            Detail = detail.Length <= 2048 ? detail : detail[..2048],
        });

    private static List<string> CheckEventTypes(IReadOnlyList<string>? eventTypes)
    {
        if (eventTypes is not { Count: > 0 })
        {
            throw FieldValidation.Refuse(SubscriptionFilesErrors.WebhookEventTypeUnknown, "event_types", "Name at least one event type (GET /v2/partners/webhooks/event-types).");
        }

        if (eventTypes.FirstOrDefault(name => WebhookEventCatalogue.Find(name) is null) is { } unknown)
        {
            throw FieldValidation.Refuse(SubscriptionFilesErrors.WebhookEventTypeUnknown, "event_types", $"'{unknown}' is not an event type webhooks carry.");
        }

        return [.. eventTypes.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
    }

    private static string CheckDescription(string? description)
    {
        var text = description?.Trim() ?? "";
        if (text.Length > 256)
        {
            throw ApiException.InvalidField("description", "The description has at most 256 characters.");
        }

        return text;
    }
}

/// <summary>The deliveries of a partner's endpoint, their attempts, and replay.</summary>
public sealed class WebhookDeliveries(SubscriptionFilesDbContext db, TimeProvider time)
{
    public IQueryable<WebhookDelivery> Of(Guid partnerId, Guid endpointId, WebhookDeliveryStatus? status)
    {
        var deliveries = db.WebhookDeliveries.AsNoTracking().Where(d => d.PartnerId == partnerId && d.EndpointId == endpointId);
        return status is { } s ? deliveries.Where(d => d.Status == s) : deliveries;
    }

    public async Task<WebhookDelivery> FindAsync(Guid partnerId, Guid endpointId, Guid deliveryId, CancellationToken cancellationToken) =>
        await Of(partnerId, endpointId, null).SingleOrDefaultAsync(d => d.Id == deliveryId, cancellationToken)
        ?? throw ApiException.NotFound("There is no such delivery.");

    public async Task<List<WebhookAttempt>> AttemptsAsync(Guid partnerId, Guid endpointId, Guid deliveryId, CancellationToken cancellationToken)
    {
        await FindAsync(partnerId, endpointId, deliveryId, cancellationToken);
        return await db.WebhookAttempts.AsNoTracking()
            .Where(a => a.DeliveryId == deliveryId && a.PartnerId == partnerId)
            .OrderBy(a => a.Number)
            .ToListAsync(cancellationToken);
    }

    /// <summary>Sends a delivered or failed delivery's event again, as a new delivery with the same event id and body.</summary>
    public async Task<WebhookDelivery> ReplayAsync(Guid partnerId, Guid endpointId, Guid deliveryId, string? userId, CancellationToken cancellationToken)
    {
        var original = await FindAsync(partnerId, endpointId, deliveryId, cancellationToken);
        if (original.Status == WebhookDeliveryStatus.Pending)
        {
            throw new ApiException(SubscriptionFilesErrors.WebhookDeliveryPending);
        }

        var now = time.GetUtcNow();
        var replay = new WebhookDelivery
        {
            Id = NewId.NextSequentialGuid(),
            EndpointId = original.EndpointId,
            PartnerId = original.PartnerId,
            EventId = original.EventId,
            EventType = original.EventType,
            Body = original.Body,
            Status = WebhookDeliveryStatus.Pending,
            NextAttemptAt = now,
            CreatedAt = now,
            ReplayOf = original.Id,
        };
        db.WebhookDeliveries.Add(replay);
        db.WebhookAuditEntries.Add(new WebhookAuditEntry
        {
            PartnerId = partnerId, EndpointId = endpointId, Action = "replayed", Actor = userId ?? "unknown", At = now,
            Detail = $"delivery {original.Id} (event {original.EventId}) as {replay.Id}",
        });
        await db.SaveChangesAsync(cancellationToken);
        return replay;
    }
}

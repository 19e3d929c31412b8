using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PartnerPlatform.Contracts.SubscriptionFiles;
using PartnerPlatform.Messaging.Outbox;
using SubscriptionFiles.Api.Data;
using SubscriptionFiles.Api.Domain;
using SubscriptionFiles.Api.Infrastructure;

namespace SubscriptionFiles.Api.Application;

/// <summary>
/// Sends due deliveries. A sender claims a batch in one statement (<c>FOR UPDATE SKIP LOCKED</c>)
/// and leases it with a token until <see cref="WebhooksOptions.ClaimLease"/> ends; no transaction stays
/// open while the receiver is waited for. The outcome is written only by the holder of the token, so any
/// number of senders send each attempt once; a sender that died leaves its rows to another after the lease.
/// </summary>
public sealed class WebhookSender(
    IServiceScopeFactory scopes, IHttpClientFactory httpClients, WebhookAddressRules addressRules, IOptions<WebhooksOptions> options,
    TimeProvider time, ILogger<WebhookSender> logger)
{
    private WebhooksOptions Options => options.Value;

    /// <summary>Sends batches until nothing is due; returns how many attempts were made.</summary>
    public async Task<int> SendDueAsync(CancellationToken cancellationToken)
    {
        var total = 0;
        int sent;
        do
        {
            sent = await SendBatchAsync(cancellationToken);
            total += sent;
        }
        while (sent > 0);

        return total;
    }

    /// <summary>Claims up to <see cref="WebhooksOptions.BatchSize"/> due deliveries and attempts each once.</summary>
    public async Task<int> SendBatchAsync(CancellationToken cancellationToken)
    {
        var token = NewId.NextSequentialGuid();
        List<Guid> claimed;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<SubscriptionFilesDbContext>();
            var now = time.GetUtcNow();
            var until = now + Options.ClaimLease;
            claimed = await db.Database.SqlQuery<Guid>(
                $"""
                UPDATE webhook_deliveries AS d SET claim_token = {token}, claimed_until = {until}
                FROM (
                    SELECT w.id FROM webhook_deliveries AS w
                    JOIN webhook_endpoints AS e ON e.id = w.endpoint_id
                    WHERE w.status = 'pending' AND w.next_attempt_at <= {now}
                      AND (w.claimed_until IS NULL OR w.claimed_until <= {now})
                      AND e.enabled AND e.paused_at IS NULL
                    ORDER BY w.next_attempt_at
                    LIMIT {Options.BatchSize}
                    FOR UPDATE OF w SKIP LOCKED) AS due
                WHERE d.id = due.id
                RETURNING d.id AS "Value"
                """).ToListAsync(cancellationToken);
        }

        await Task.WhenAll(claimed.Select(id => AttemptAsync(id, token, cancellationToken)));
        return claimed.Count;
    }

    private async Task AttemptAsync(Guid deliveryId, Guid token, CancellationToken cancellationToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<SubscriptionFilesDbContext>();
            var delivery = await db.WebhookDeliveries.AsNoTracking().SingleAsync(d => d.Id == deliveryId, cancellationToken);
            var endpoint = await db.WebhookEndpoints.AsNoTracking().SingleAsync(e => e.Id == delivery.EndpointId, cancellationToken);
            var attemptedAt = time.GetUtcNow();
            var outcome = await PostAsync(endpoint, delivery, attemptedAt, cancellationToken);
            await RecordAsync(db, scope.ServiceProvider.GetRequiredService<IOutbox>(), deliveryId, token, attemptedAt, outcome, cancellationToken);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            // The lease runs out and the delivery is attempted again.
            logger.LogError(e, "Recording the attempt of webhook delivery {DeliveryId} failed", deliveryId);
        }
    }

    private sealed record Outcome(bool Succeeded, int? StatusCode, int DurationMs, string? ResponseExcerpt, string? Error);

    private async Task<Outcome> PostAsync(WebhookEndpoint endpoint, WebhookDelivery delivery, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        int Elapsed() => (int)Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        try
        {
            var uri = new Uri(endpoint.Url);
            if (uri.Scheme != Uri.UriSchemeHttps && !addressRules.AllowLoopback)
            {
                return new Outcome(false, null, Elapsed(), null, "The URL is not https.");
            }

            // Checked before sending, and again by the connect callback for the address actually dialled.
            await addressRules.AddressesToDialAsync(uri.Host, cancellationToken);

            var timestamp = now.ToUnixTimeSeconds();
            using var request = new HttpRequestMessage(HttpMethod.Post, uri)
            {
                Content = new StringContent(delivery.Body, Encoding.UTF8, new MediaTypeHeaderValue("application/json")),
            };
            request.Headers.Add(WebhookSignature.IdHeader, delivery.EventId.ToString());
            request.Headers.Add(WebhookSignature.DeliveryIdHeader, delivery.Id.ToString());
            request.Headers.Add(WebhookSignature.EventTypeHeader, delivery.EventType);
            request.Headers.Add(WebhookSignature.TimestampHeader, timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
            request.Headers.Add(WebhookSignature.SignatureHeader, WebhookSignature.Header(endpoint.SigningSecrets(now), timestamp, delivery.Body));

            using var client = httpClients.CreateClient(WebhookHttpClient.Name);
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            var excerpt = await ReadExcerptAsync(response, cancellationToken);
            var status = (int)response.StatusCode;
            return new Outcome(response.IsSuccessStatusCode, status, Elapsed(), excerpt, response.IsSuccessStatusCode ? null : $"The endpoint answered {status}.");
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            var error = FindRefusal(e) is { } refusal ? refusal.Message
                : e is TaskCanceledException ? $"No answer within {Options.RequestTimeout.TotalSeconds:0.#} s."
                : e.GetBaseException().Message;
            return new Outcome(false, null, Elapsed(), null, Truncate(error, 1024));
        }
    }

    private static WebhookAddressRefusedException? FindRefusal(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
        {
            if (e is WebhookAddressRefusedException refused)
            {
                return refused;
            }
        }

        return null;
    }

    private async Task<string?> ReadExcerptAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var limit = Options.ResponseExcerptLength;
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        var buffer = new byte[limit * 4];
        var read = 0;
        int count;
        while (read < buffer.Length && (count = await stream.ReadAsync(buffer.AsMemory(read), cancellationToken)) > 0)
        {
            read += count;
        }

        return read == 0 ? null : Truncate(Encoding.UTF8.GetString(buffer, 0, read), limit);
    }

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..length];

    private async Task RecordAsync(
        SubscriptionFilesDbContext db, IOutbox outbox, Guid deliveryId, Guid token, DateTimeOffset attemptedAt, Outcome outcome,
        CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var delivery = await db.WebhookDeliveries
            .FromSql($"SELECT * FROM webhook_deliveries WHERE id = {deliveryId} FOR UPDATE")
            .SingleOrDefaultAsync(cancellationToken);
        if (delivery is null || delivery.ClaimToken != token)
        {
            // Deleted with its endpoint, or the lease ended and another sender owns the delivery now.
            return;
        }

        var now = time.GetUtcNow();
        delivery.Attempts++;
        delivery.ClaimToken = null;
        delivery.ClaimedUntil = null;
        delivery.LastStatusCode = outcome.StatusCode;
        delivery.LastError = outcome.Error;
        db.WebhookAttempts.Add(new WebhookAttempt
        {
            DeliveryId = delivery.Id,
            PartnerId = delivery.PartnerId,
            Number = delivery.Attempts,
            AttemptedAt = attemptedAt,
            StatusCode = outcome.StatusCode,
            DurationMs = outcome.DurationMs,
            Succeeded = outcome.Succeeded,
            ResponseExcerpt = outcome.ResponseExcerpt,
            Error = outcome.Error,
        });

        if (outcome.Succeeded)
        {
            delivery.Status = WebhookDeliveryStatus.Delivered;
            delivery.DeliveredAt = now;
            await db.WebhookEndpoints
                .Where(e => e.Id == delivery.EndpointId && e.ConsecutiveFailedDeliveries > 0)
                .ExecuteUpdateAsync(set => set.SetProperty(e => e.ConsecutiveFailedDeliveries, 0), cancellationToken);
        }
        else
        {
            var next = now + Options.RetryDelay(delivery.Attempts, Random.Shared.NextDouble());
            if (next <= delivery.CreatedAt + Options.RetryWindow)
            {
                delivery.NextAttemptAt = next;
            }
            else
            {
                delivery.Status = WebhookDeliveryStatus.Failed;
                await CountFailedDeliveryAsync(db, outbox, delivery.EndpointId, now, cancellationToken);
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>One more failed delivery in a row for the endpoint; at the limit it is paused and the partner notified.</summary>
    private async Task CountFailedDeliveryAsync(SubscriptionFilesDbContext db, IOutbox outbox, Guid endpointId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var endpoint = await db.WebhookEndpoints
            .FromSql($"SELECT * FROM webhook_endpoints WHERE id = {endpointId} FOR UPDATE")
            .SingleOrDefaultAsync(cancellationToken);
        if (endpoint is null)
        {
            return;
        }

        endpoint.ConsecutiveFailedDeliveries++;
        if (endpoint.ConsecutiveFailedDeliveries < Options.PauseAfterFailedDeliveries || endpoint.PausedAt is not null || !endpoint.Enabled)
        {
            return;
        }

        var reason = $"{endpoint.ConsecutiveFailedDeliveries} deliveries in a row failed every retry for {Options.RetryWindow.TotalHours:0.#} h.";
        endpoint.PausedAt = now;
        endpoint.PausedReason = reason;
        endpoint.UpdatedAt = now;
        db.WebhookAuditEntries.Add(new WebhookAuditEntry
        {
            PartnerId = endpoint.PartnerId, EndpointId = endpoint.Id, Action = "paused", Actor = "system", At = now, Detail = reason,
        });
        outbox.Add(new WebhookEndpointPaused(endpoint.Id, endpoint.PartnerId, endpoint.Url, endpoint.ConsecutiveFailedDeliveries, reason, now));
        logger.LogWarning("Webhook endpoint {EndpointId} of partner {PartnerId} paused: {Reason}", endpoint.Id, endpoint.PartnerId, reason);
    }
}

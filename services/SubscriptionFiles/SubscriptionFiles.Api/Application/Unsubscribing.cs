using Microsoft.EntityFrameworkCore;
using PartnerPlatform.Contracts.SubscriptionFiles;
using PartnerPlatform.Messaging.Outbox;
using PartnerPlatform.ServiceDefaults;
using SubscriptionFiles.Api.Data;
using SubscriptionFiles.Api.Domain;

namespace SubscriptionFiles.Api.Application;

/// <summary>
/// Stops contents of a subscription: one content, or all of them. Deliveries still waiting to run are
/// cancelled; delivered files and their records stay. A subscription left without contents ends.
/// </summary>
public sealed class Unsubscribing(SubscriptionFilesDbContext db, IOutbox outbox, TimeProvider time)
{
    /// <summary>Stops <paramref name="content"/>, or every content of the subscription when it is null.</summary>
    public async Task UnsubscribeAsync(Guid partnerId, Guid subscriptionId, Content? content, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);

        // The row lock serialises racing requests: the second finds the content already gone.
        var subscription = await db.Subscriptions
            .FromSql($"SELECT * FROM subscriptions WHERE id = {subscriptionId} AND partner_id = {partnerId} FOR UPDATE")
            .SingleOrDefaultAsync(cancellationToken)
            ?? throw ApiException.NotFound("There is no such subscription.");
        await db.SubscriptionContents.Where(c => c.SubscriptionId == subscription.Id).LoadAsync(cancellationToken);

        var stopped = content is { } one ? subscription.Contents.Where(c => c.Content == one).ToList() : [.. subscription.Contents];
        if (stopped.Count == 0)
        {
            throw ApiException.NotFound("The subscription does not include this content.");
        }

        var stoppedContents = stopped.Select(c => c.Content).ToList();
        var now = time.GetUtcNow();
        var cancelled = await db.Deliveries
            .Where(d => d.PartnerId == partnerId && stoppedContents.Contains(d.Content)
                && (d.Status == DeliveryStatus.Pending || d.Status == DeliveryStatus.Retrying))
            .ExecuteUpdateAsync(set => set.SetProperty(d => d.Status, DeliveryStatus.Cancelled).SetProperty(d => d.NextAttemptAt, (DateTimeOffset?)null), cancellationToken);

        db.SubscriptionContents.RemoveRange(stopped);
        var ended = stopped.Count == subscription.Contents.Count;
        if (ended)
        {
            db.Subscriptions.Remove(subscription);
        }

        outbox.Add(new ContentsUnsubscribed(
            subscription.Id, partnerId, [.. stoppedContents.Order().Select(DeliveryRunner.ContentName)], cancelled, ended, now));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }
}

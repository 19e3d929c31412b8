using Microsoft.EntityFrameworkCore;
using PartnerPlatform.ServiceDefaults;
using SubscriptionFiles.Api.Data;
using SubscriptionFiles.Api.Domain;

namespace SubscriptionFiles.Api.Application;

/// <summary>The partner's subscriptions and deliveries, and re-delivery on demand.</summary>
public sealed class Deliveries(SubscriptionFilesDbContext db, TimeProvider time)
{
    public IQueryable<Subscription> SubscriptionsOf(Guid partnerId) =>
        db.Subscriptions.AsNoTracking().Include(s => s.Contents).Where(s => s.PartnerId == partnerId);

    public async Task<Subscription> FindSubscriptionAsync(Guid partnerId, Guid subscriptionId, CancellationToken cancellationToken) =>
        await SubscriptionsOf(partnerId).SingleOrDefaultAsync(s => s.Id == subscriptionId, cancellationToken)
        ?? throw ApiException.NotFound("There is no such subscription.");

    public IQueryable<Delivery> Of(Guid partnerId, Content? content, DeliveryStatus? status)
    {
        var deliveries = db.Deliveries.AsNoTracking().Where(d => d.PartnerId == partnerId);
        if (content is { } c)
        {
            deliveries = deliveries.Where(d => d.Content == c);
        }

        if (status is { } s)
        {
            deliveries = deliveries.Where(d => d.Status == s);
        }

        return deliveries;
    }

    public async Task<Delivery> FindAsync(Guid partnerId, Guid deliveryId, CancellationToken cancellationToken) =>
        await Of(partnerId, null, null).SingleOrDefaultAsync(d => d.Id == deliveryId, cancellationToken)
        ?? throw ApiException.NotFound("There is no such delivery.");

    public async Task<string> ManifestAsync(Guid partnerId, Guid deliveryId, CancellationToken cancellationToken)
    {
        var delivery = await FindAsync(partnerId, deliveryId, cancellationToken);
        return delivery.Manifest ?? throw new ApiException(SubscriptionFilesErrors.ManifestNotWritten);
    }

    /// <summary>
    /// Schedules a delivered or failed delivery to run again now, into the same folder. One conditional
    /// update: of concurrent requests exactly one wins; the others find it already scheduled.
    /// </summary>
    public async Task<Delivery> RedeliverAsync(Guid partnerId, Guid deliveryId, CancellationToken cancellationToken)
    {
        var delivery = await FindAsync(partnerId, deliveryId, cancellationToken);
        if (!await db.SubscriptionContents.AnyAsync(c => c.SubscriptionId == delivery.SubscriptionId && c.Content == delivery.Content, cancellationToken))
        {
            throw new ApiException(SubscriptionFilesErrors.ContentNotSubscribed);
        }

        var now = time.GetUtcNow();
        var updated = await db.Deliveries
            .Where(d => d.Id == deliveryId && d.PartnerId == partnerId && (d.Status == DeliveryStatus.Delivered || d.Status == DeliveryStatus.Failed))
            .ExecuteUpdateAsync(
                set => set.SetProperty(d => d.Status, DeliveryStatus.Pending).SetProperty(d => d.NextAttemptAt, now).SetProperty(d => d.FailedAttempts, 0),
                cancellationToken);
        if (updated == 0)
        {
            throw new ApiException(SubscriptionFilesErrors.DeliveryAlreadyScheduled);
        }

        return await FindAsync(partnerId, delivery.Id, cancellationToken);
    }
}

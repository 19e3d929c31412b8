using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PartnerPlatform.Contracts.SubscriptionFiles;
using PartnerPlatform.Messaging.Outbox;
using SubscriptionFiles.Api.Data;
using SubscriptionFiles.Api.Domain;
using SubscriptionFiles.Api.Infrastructure;

namespace SubscriptionFiles.Api.Application;

/// <summary>The manifest written last into a delivery's folder.</summary>
public sealed record DeliveryManifest(
    int SchemaVersion,
    Guid DeliveryId,
    Guid PartnerId,
    string Content,
    string Period,
    DateTimeOffset PeriodStart,
    DateTimeOffset PeriodEnd,
    int Run,
    DateTimeOffset GeneratedAt,
    IReadOnlyList<string> Columns,
    IReadOnlyList<ManifestFile> Files,
    long TotalRows);

public sealed record ManifestFile(string Name, long Rows, long Bytes, string Sha256);

/// <summary>
/// Runs due deliveries. Each run claims one due row with <c>FOR UPDATE SKIP LOCKED</c> and keeps the
/// lock until the row's outcome commits, so any number of instances deliver each (partner, content,
/// period) once. Files are uploaded under temporary names, moved to their final names, and the
/// manifest is written last: a reader who sees a manifest sees the whole delivery.
/// </summary>
public sealed class DeliveryRunner(
    IServiceScopeFactory scopes, BucketStorage storage, DatasetReader reader, IOptions<SubscriptionFilesOptions> options, TimeProvider time,
    ILogger<DeliveryRunner> logger)
{
    public const string ManifestName = "manifest.json";

    public static readonly JsonSerializerOptions ManifestJson = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
    };

    /// <summary>Runs due deliveries until none is left; returns how many ran.</summary>
    public async Task<int> RunDueAsync(CancellationToken cancellationToken)
    {
        var count = 0;
        while (await RunNextDueAsync(cancellationToken))
        {
            count++;
        }

        return count;
    }

    /// <summary>Claims and runs one due delivery; false when none is due.</summary>
    public async Task<bool> RunNextDueAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SubscriptionFilesDbContext>();
        var outbox = scope.ServiceProvider.GetRequiredService<IOutbox>();
        var now = time.GetUtcNow();

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var delivery = await db.Deliveries
            .FromSql(
                $"""
                SELECT * FROM deliveries
                WHERE status IN ('pending', 'retrying') AND next_attempt_at <= {now}
                ORDER BY next_attempt_at
                LIMIT 1
                FOR UPDATE SKIP LOCKED
                """)
            .SingleOrDefaultAsync(cancellationToken);
        if (delivery is null)
        {
            return false;
        }

        var subscription = await db.Subscriptions.Include(s => s.Contents).SingleOrDefaultAsync(s => s.Id == delivery.SubscriptionId, cancellationToken);
        if (subscription is null || subscription.Contents.All(c => c.Content != delivery.Content))
        {
            // Unsubscribed while this row was being scheduled: it is not run, and schedules nothing.
            delivery.Status = DeliveryStatus.Cancelled;
            delivery.NextAttemptAt = null;
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return true;
        }

        if (delivery.Runs == 0 && delivery.FailedAttempts == 0)
        {
            await ScheduleNextPeriodAsync(db, subscription, delivery, now, cancellationToken);
        }

        try
        {
            var manifest = await WriteAsync(subscription, delivery, now, cancellationToken);
            delivery.Status = DeliveryStatus.Delivered;
            delivery.NextAttemptAt = null;
            delivery.FailedAttempts = 0;
            delivery.Runs++;
            delivery.FileCount = manifest.Files.Count;
            delivery.RowCount = manifest.TotalRows;
            delivery.ManifestKey = FolderOf(subscription, delivery) + ManifestName;
            delivery.Manifest = JsonSerializer.Serialize(manifest, ManifestJson);
            delivery.DeliveredAt = now;
            delivery.LastError = null;
            outbox.Add(new SubscriptionFileDelivered(
                delivery.Id, subscription.Id, delivery.PartnerId, ContentName(delivery.Content), delivery.Period, delivery.FileCount, delivery.RowCount,
                delivery.ManifestKey, delivery.Runs, now));
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning(e, "Delivery {DeliveryId} into bucket {Bucket} failed", delivery.Id, subscription.BucketName);
            delivery.FailedAttempts++;
            delivery.LastError = e.Message.Length > 1000 ? e.Message[..1000] : e.Message;
            var willRetry = delivery.FailedAttempts <= options.Value.MaxRetries;
            delivery.Status = willRetry ? DeliveryStatus.Retrying : DeliveryStatus.Failed;
            delivery.NextAttemptAt = willRetry ? now + options.Value.RetryInterval : null;
            outbox.Add(new SubscriptionFileDeliveryFailed(
                delivery.Id, subscription.Id, delivery.PartnerId, ContentName(delivery.Content), delivery.Period, delivery.FailedAttempts, willRetry,
                delivery.NextAttemptAt, delivery.LastError, now));
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    /// <summary>The bucket folder of a delivery: <c>{prefix}{content}/{start}_{end}/</c>.</summary>
    public static string FolderOf(Subscription subscription, Delivery delivery) =>
        $"{subscription.BucketPrefix}{ContentName(delivery.Content)}/{delivery.Period.Replace('/', '_')}/";

    public static string ContentName(Content content) => SnakeCaseEnumConverter<Content>.NameOf(content);

    private static async Task ScheduleNextPeriodAsync(
        SubscriptionFilesDbContext db, Subscription subscription, Delivery delivery, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var cadence = subscription.Contents.FirstOrDefault(c => c.Content == delivery.Content)?.Cadence ?? Cadence.Weekly;
        var next = DeliverySchedule.NextPeriod(delivery.PeriodRange, cadence);
        var existing = await db.Deliveries.SingleOrDefaultAsync(
            d => d.PartnerId == delivery.PartnerId && d.Content == delivery.Content && d.PeriodStart == next.Start, cancellationToken);
        if (existing is null)
        {
            db.Deliveries.Add(Delivery.Schedule(subscription, delivery.Content, next, now));
        }
        else if (existing.Status == DeliveryStatus.Cancelled)
        {
            existing.Reschedule(subscription);
        }
    }

    private async Task<DeliveryManifest> WriteAsync(Subscription subscription, Delivery delivery, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var dataset = Datasets.ForContent(delivery.Content);
        var run = delivery.Runs + 1;
        var localFolder = Path.Combine(Path.GetTempPath(), "subscription-files", $"{delivery.Id:N}-{Guid.NewGuid():N}");
        try
        {
            var rows = reader.ReadAsync(dataset, delivery.PartnerId, delivery.PeriodRange, options.Value.PageSize, cancellationToken);
            var parts = await CsvFiles.WriteAsync(dataset, rows, Math.Clamp(options.Value.MaxRowsPerFile, 1, 100_000), localFolder, cancellationToken);

            var bucket = storage.Open(subscription.BucketKind, subscription.BucketName);
            var folder = FolderOf(subscription, delivery);
            var incoming = $"{folder}.incoming-{Guid.NewGuid():N}/";
            var files = new List<ManifestFile>();
            foreach (var part in parts)
            {
                var name = Path.GetFileName(part.LocalPath);
                await bucket.WriteFileAsync(incoming + name, part.LocalPath, cancellationToken);
                files.Add(new ManifestFile(name, part.Rows, part.Bytes, part.Sha256));
            }

            // A re-delivery first takes the old manifest away, so no reader pairs it with new files.
            await bucket.DeleteAsync(folder + ManifestName, cancellationToken);
            foreach (var part in parts)
            {
                var name = Path.GetFileName(part.LocalPath);
                await bucket.PublishAsync(incoming + name, folder + name, part.LocalPath, cancellationToken);
            }

            var manifest = new DeliveryManifest(
                Delivery.SchemaVersion, delivery.Id, delivery.PartnerId, ContentName(delivery.Content), delivery.Period, delivery.PeriodStart,
                delivery.PeriodEnd, run, now, [.. dataset.Columns.Select(c => c.Name)], files, files.Sum(f => f.Rows));
            await bucket.WriteTextAsync(folder + ManifestName, JsonSerializer.Serialize(manifest, ManifestJson), cancellationToken);
            return manifest;
        }
        finally
        {
            if (Directory.Exists(localFolder))
            {
                Directory.Delete(localFolder, recursive: true);
            }
        }
    }
}
